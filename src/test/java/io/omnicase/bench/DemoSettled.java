package io.omnicase.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Before a benchmark measures a default run: waits until its demo has played. On a first start the demo agents work
 * three cases to the end, and the demo's two questions for the assistant come once its knowledge is in the index; a
 * benchmark that began meanwhile would count that work (and its polling) as its own.
 * <p>
 * Settled means: the demo's last customer exists (Lia, who asks once the knowledge is in), no event publication is
 * incomplete, and the counts of interactions, routing facts and resolved cases have not moved for {@link #QUIET}. The
 * demo's own steps follow each other within half a second, so a pause of that length means it is done.
 */
final class DemoSettled {

    interface Database {
        Connection open() throws SQLException;
    }

    static final Duration QUIET = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(250);

    private DemoSettled() {
    }

    static void await(Database database, Duration limit) throws Exception {
        Instant start = Instant.now();
        Instant end = start.plus(limit);
        long[] last = null;
        Instant quietSince = null;
        while (Instant.now().isBefore(end)) {
            long[] now = sample(database);
            boolean busy = now[0] == 0 || now[1] > 0;
            if (busy) {
                quietSince = null;
            } else if (quietSince == null || !Arrays.equals(now, last)) {
                quietSince = Instant.now();
            } else if (Duration.between(quietSince, Instant.now()).compareTo(QUIET) >= 0) {
                System.out.printf("Demo settled after %.1f s (interactions %d, routing facts %d)%n",
                        Duration.between(start, Instant.now()).toMillis() / 1000.0, now[2], now[3]);
                return;
            }
            last = now;
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("the demo did not settle within " + limit);
    }

    /** The demo's last question (Lia's), incomplete publications, interactions, routing facts, resolved cases. */
    private static long[] sample(Database database) throws SQLException {
        try (Connection db = database.open(); Statement s = db.createStatement();
             ResultSet r = s.executeQuery("""
                     SELECT (SELECT COUNT(*) FROM customer_identities WHERE address = '4810234971263'),
                            (SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE COMPLETION_DATE IS NULL),
                            (SELECT COUNT(*) FROM interactions),
                            (SELECT COUNT(*) FROM routing_facts),
                            (SELECT COUNT(*) FROM cases WHERE status = 'RESOLVED')""")) {
            r.next();
            long[] values = new long[5];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.getLong(i + 1);
            }
            return values;
        }
    }
}
