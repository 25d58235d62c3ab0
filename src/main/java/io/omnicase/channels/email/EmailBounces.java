package io.omnicase.channels.email;

import io.omnicase.customers.IdentityKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;

/** Addresses whose mail bounced; Omnicase stops mailing them so a dead mailbox does not collect replies. */
@Repository
class EmailBounces {

    private final JdbcClient jdbc;

    EmailBounces(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a bounce. A report is a stranger's text: an address that is no mailbox Omnicase could have written to is
     * ignored, the status and diagnostic are cut to their columns (20 and 500 characters) without control characters.
     */
    @Transactional
    void record(String address, String status, String diagnostic) {
        if (!IdentityKind.EMAIL.accepts(address)) {
            return;
        }
        jdbc.sql("INSERT INTO email_bounces (address, status, diagnostic, last_bounced_at) VALUES (?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE status = VALUES(status), diagnostic = VALUES(diagnostic), "
                        + "bounce_count = bounce_count + 1, last_bounced_at = VALUES(last_bounced_at)")
                .params(normalize(address), fit(status, 20), fit(diagnostic, 500),
                        Timestamp.from(Instant.now()))
                .update();
    }

    /**
     * Whether the report is about a mail Omnicase sent to the address: it names (quotes) the Message-ID of one of them.
     * Those ids hold a random part nobody outside could guess, so a forged report naming a customer marks nothing.
     */
    @Transactional(readOnly = true)
    boolean reportsMailSentTo(String address, String report) {
        return jdbc.sql("SELECT provider_message_id FROM outbound_deliveries WHERE channel = 'EMAIL' "
                        + "AND LOWER(recipient) = ? AND provider_message_id IS NOT NULL")
                .param(normalize(address)).query(String.class).list().stream()
                .map(id -> id.replace("<", "").replace(">", "").strip())
                .anyMatch(id -> id.length() > 8 && report.contains(id));
    }

    /** The mailbox is alive (its owner wrote from it): replies go to it again. */
    @Transactional
    void clear(String address) {
        jdbc.sql("DELETE FROM email_bounces WHERE address = ?").param(normalize(address)).update();
    }

    @Transactional(readOnly = true)
    boolean isBouncing(String address) {
        return jdbc.sql("SELECT COUNT(*) FROM email_bounces WHERE address = ?").param(normalize(address))
                .query(Integer.class).single() > 0;
    }

    private static String fit(String value, int max) {
        if (value == null) {
            return null;
        }
        String clean = value.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return clean.codePointCount(0, clean.length()) <= max ? clean : clean.substring(0, clean.offsetByCodePoints(0, max));
    }

    private static String normalize(String address) {
        return IdentityKind.EMAIL.normalize(address);
    }
}
