package io.omnicase.channels.email;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The log of mail machines sent that belongs to no case (out-of-office notices to nothing Omnicase sent, ticket
 * systems' acknowledgements, mailing lists, no-reply senders, delivery failure reports): no case is opened for it and
 * nothing answers it, but agents can look at it ({@code GET /api/mail/machine}).
 */
@Repository
class MachineMail {

    private final JdbcClient jdbc;

    MachineMail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One logged mail; {@code signal} names what showed it was a machine's ("Auto-Submitted: auto-replied", ...). */
    record Entry(long id, String messageId, String sender, String subject, MailKind kind, String signal, String excerpt,
                 Instant receivedAt) {
    }

    /** Logs the mail once per Message-ID; answers false when it was logged before. */
    @Transactional
    boolean log(String messageId, String sender, String subject, MailKind kind, String signal, String text) {
        return jdbc.sql("INSERT IGNORE INTO machine_mail (message_id, sender, subject, kind, signal_text, excerpt, received_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(fit(messageId, 255), fit(sender, 320), fit(subject, 300), kind.name(), fit(signal, 300),
                        fit(text, 1000), Timestamp.from(Instant.now()))
                .update() == 1;
    }

    /** The latest logged mails, newest first; {@code before} pages back (an entry id, exclusive), or null. */
    @Transactional(readOnly = true)
    List<Entry> latest(int limit, Long before) {
        return jdbc.sql("SELECT id, message_id, sender, subject, kind, signal_text, excerpt, received_at FROM machine_mail "
                        + "WHERE id < ? ORDER BY id DESC LIMIT ?")
                .params(before == null ? Long.MAX_VALUE : before, limit)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        MailKind.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()))
                .list();
    }

    /** Cut to the column, control characters (but line breaks) made spaces, so a stranger's header fits. */
    private static String fit(String value, int max) {
        if (value == null) {
            return null;
        }
        String clean = value.codePoints().map(c -> Character.isISOControl(c) && c != '\n' ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return clean.codePointCount(0, clean.length()) <= max ? clean : clean.substring(0, clean.offsetByCodePoints(0, max));
    }
}
