package io.omnicase.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A date or instant a request names (a search's or a report's period): an ISO date (2026-11-01, midnight UTC) or an
 * instant (2026-11-01T10:00:00Z), between 1970 and 9999, the times the database and the search index hold. Anything
 * else is the caller's mistake, named by its field (400), never an outage (a year of −1,000,000,000 was answered 503
 * "History index unavailable": the index refused it; probe, 4 December).
 */
public final class RequestDates {

    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private RequestDates() {
    }

    /** The instant named, or null when the value is missing or blank. */
    public static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "must be an ISO date (2026-11-01) or instant (2026-11-01T10:00:00Z)");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidFieldException(field, "must be between 1970 and 9999");
        }
        return instant;
    }
}
