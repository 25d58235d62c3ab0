package io.omnicase.channels.messaging;

import org.springframework.http.HttpStatus;

/** A webhook call that did not prove it comes from the provider (missing or wrong signature, wrong verify token). */
class WebhookRejectedException extends RuntimeException {

    private final HttpStatus status;

    WebhookRejectedException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    /** 401 when the caller did not sign at all, 403 when the signature does not match. */
    static WebhookRejectedException forSignature(String header, String provider) {
        return header == null || header.isBlank()
                ? new WebhookRejectedException(HttpStatus.UNAUTHORIZED, "The request carries no " + provider + " signature")
                : new WebhookRejectedException(HttpStatus.FORBIDDEN, "The " + provider + " signature does not match the request");
    }
}
