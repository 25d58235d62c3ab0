package io.omnicase.search;

/** Elasticsearch could not answer; search is unavailable for now, nothing is lost. */
public class HistoryUnavailableException extends RuntimeException {
    public HistoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
