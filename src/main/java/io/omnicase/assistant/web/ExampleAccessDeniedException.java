package io.omnicase.assistant.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The user may not teach, list or remove this example; answered as 403 problem details saying why. */
class ExampleAccessDeniedException extends ErrorResponseException {

    ExampleAccessDeniedException(String detail) {
        super(HttpStatus.FORBIDDEN, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
        problem.setTitle("Forbidden");
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
