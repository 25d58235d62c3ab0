package io.omnicase.search;

import io.omnicase.http.ServiceUnavailableException;

/**
 * Elasticsearch could not answer; search and the assistant are unavailable for now, nothing is lost. An endpoint that
 * lets it through answers 503 with {@code Retry-After}.
 */
public class HistoryUnavailableException extends ServiceUnavailableException {
    public HistoryUnavailableException(String message, Throwable cause) {
        super(message, cause, "The search index cannot be reached right now; nothing is lost. Try again shortly", 10);
    }
}
