package io.omnicase.http;

/**
 * A store or service the request needs cannot answer for now: answered 503 with {@code Retry-After} and a detail
 * meant for the caller (the message of the cause, which may name hosts, is only logged).
 */
public class ServiceUnavailableException extends RuntimeException {

    private final String publicDetail;
    private final int retryAfterSeconds;

    public ServiceUnavailableException(String message, Throwable cause, String publicDetail, int retryAfterSeconds) {
        super(message, cause);
        this.publicDetail = publicDetail;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String publicDetail() {
        return publicDetail;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
