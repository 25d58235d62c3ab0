package io.omnicase.channels.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers rejected webhook calls as problem+json, before the application's catch-all handler sees them. */
@RestControllerAdvice(basePackages = "io.omnicase.channels")
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebhookProblems {

    private static final Logger log = LoggerFactory.getLogger(WebhookProblems.class);

    @ExceptionHandler(WebhookRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(WebhookRejectedException ex) {
        log.warn("Webhook call rejected: {}", ex.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
        problem.setTitle("Webhook rejected");
        return ResponseEntity.status(ex.status()).body(problem);
    }
}
