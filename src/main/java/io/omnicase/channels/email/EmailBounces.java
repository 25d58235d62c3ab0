package io.omnicase.channels.email;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;

/** Addresses whose mail bounced; Omnicase stops mailing them so a dead mailbox does not collect replies. */
@Repository
class EmailBounces {

    private final JdbcClient jdbc;

    EmailBounces(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void record(String address, String status, String diagnostic) {
        jdbc.sql("INSERT INTO email_bounces (address, status, diagnostic, last_bounced_at) VALUES (?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE status = VALUES(status), diagnostic = VALUES(diagnostic), "
                        + "bounce_count = bounce_count + 1, last_bounced_at = VALUES(last_bounced_at)")
                .params(normalize(address), status, diagnostic == null ? null : diagnostic.substring(0, Math.min(500, diagnostic.length())),
                        Timestamp.from(Instant.now()))
                .update();
    }

    @Transactional(readOnly = true)
    boolean isBouncing(String address) {
        return jdbc.sql("SELECT COUNT(*) FROM email_bounces WHERE address = ?").param(normalize(address))
                .query(Integer.class).single() > 0;
    }

    private static String normalize(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
