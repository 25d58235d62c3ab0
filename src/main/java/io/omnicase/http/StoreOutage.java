package io.omnicase.http;

import java.net.ConnectException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure means the database cannot be reached (down, restarting, or no connection free in time) rather
 * than a fault of the request or the code: such a request is answered 503 with a Retry-After, so a client or a
 * channel's provider tries again, instead of a 500 that reads as "your request is broken".
 */
public final class StoreOutage {

    /** Seconds a client is asked to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private StoreOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof org.springframework.dao.DataAccessResourceFailureException
                    || cause instanceof org.springframework.transaction.CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof ConnectException
                    || cause.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
        }
        return false;
    }
}
