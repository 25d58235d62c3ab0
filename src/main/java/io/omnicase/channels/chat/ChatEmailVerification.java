package io.omnicase.channels.chat;

import io.omnicase.channels.SendFailedException;
import io.omnicase.channels.email.SupportMail;
import io.omnicase.customers.Channel;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.CustomerMerge;
import io.omnicase.customers.Customers;
import io.omnicase.customers.IdentityKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How a chat visitor proves an email address before the chat becomes the customer who owns it: a one-time code is
 * mailed to the address, and only the right code, entered in time and within a few tries, links the visitor to that
 * customer (a recorded merge). Every answer is the same whether or not a customer owns the address.
 */
@Service
class ChatEmailVerification {

    static final int DIGITS = 8;
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final int MAX_ATTEMPTS = 5;
    /** Codes that may be asked for one address, and by one visitor, within {@link #RATE_WINDOW}. */
    static final int CODES_PER_ADDRESS = 3;
    static final int CODES_PER_VISITOR = 5;
    static final Duration RATE_WINDOW = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(ChatEmailVerification.class);
    private static final int BOUND = (int) Math.pow(10, DIGITS);

    private final JdbcClient jdbc;
    private final SupportMail mail;
    private final Customers customers;
    private final TransactionTemplate transaction;
    private final SecureRandom random = new SecureRandom();
    private final Object requestLock = new Object();
    /** Codes mailed in an hour by all visitors together ({@code omnicase.channels.chat.codes-per-hour}). */
    private final int codesPerHour;
    /** When the hourly bound last refused a code with a warning: at most one warning a minute. */
    private volatile Instant warnedAt = Instant.EPOCH;

    ChatEmailVerification(JdbcClient jdbc, SupportMail mail, Customers customers,
                          PlatformTransactionManager tx, ChatProperties properties) {
        this.codesPerHour = properties.codesPerHour();
        this.jdbc = jdbc;
        this.mail = mail;
        this.customers = customers;
        this.transaction = new TransactionTemplate(tx);
    }

    /** What became of a request or a code; {@code email} is set where the visitor may be told the address. */
    record Outcome(Status status, String email, int attemptsLeft) {
        static Outcome of(Status status) {
            return new Outcome(status, null, 0);
        }
    }

    enum Status {
        CODE_SENT, INVALID_ADDRESS, UNAVAILABLE, TOO_MANY_REQUESTS, SEND_FAILED, ALREADY_LINKED,
        VERIFIED, WRONG_CODE, LOCKED, EXPIRED, NO_CODE, MALFORMED_CODE, NOT_VERIFIED
    }

    /**
     * Mails a new code for the address (a code asked for before by this visitor stops working). The answer does not
     * depend on whether a customer owns the address.
     */
    Outcome requestCode(String visitor, String rawEmail) {
        Optional<String> valid = EmailAddressRule.normalize(rawEmail);
        if (valid.isEmpty()) {
            return Outcome.of(Status.INVALID_ADDRESS);
        }
        String email = valid.get();
        if (!mail.available()) {
            return Outcome.of(Status.UNAVAILABLE);
        }
        if (linkedToAnotherEmail(visitor, email)) {
            return Outcome.of(Status.ALREADY_LINKED);
        }
        String code = String.format("%0" + DIGITS + "d", random.nextInt(BOUND));
        String salt = HexFormat.of().formatHex(randomBytes(16));
        Instant now = Instant.now();
        Long id;
        // Counting and inserting one request at a time keeps concurrent requests on this node from passing the limit
        // together; each holds the lock for one short transaction.
        synchronized (requestLock) {
            id = transaction.execute(status -> {
                Timestamp since = Timestamp.from(now.minus(RATE_WINDOW));
                int byVisitor = jdbc.sql("SELECT COUNT(*) FROM chat_email_verifications WHERE visitor = ? AND created_at > ?")
                        .params(visitor, since).query(Integer.class).single();
                int byAddress = jdbc.sql("SELECT COUNT(*) FROM chat_email_verifications WHERE email = ? AND created_at > ?")
                        .params(email, since).query(Integer.class).single();
                if (byVisitor >= CODES_PER_VISITOR || byAddress >= CODES_PER_ADDRESS || hourlyBoundReached(since)) {
                    return null;
                }
                jdbc.sql("UPDATE chat_email_verifications SET state = 'SUPERSEDED', finished_at = ? WHERE visitor = ? AND state = 'PENDING'")
                        .params(Timestamp.from(now), visitor).update();
                GeneratedKeyHolder key = new GeneratedKeyHolder();
                jdbc.sql("INSERT INTO chat_email_verifications (visitor, email, code_salt, code_hash, state, attempts, created_at, "
                                + "expires_at) VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)")
                        .params(visitor, email, salt, hash(salt, code), Timestamp.from(now), Timestamp.from(now.plus(LIFETIME)))
                        .update(key);
                return key.getKey().longValue();
            });
        }
        if (id == null) {
            return Outcome.of(Status.TOO_MANY_REQUESTS);
        }
        try {
            mail.send(email, "Your chat verification code", """
                    Your code for the support chat is %s

                    Enter it in the chat window within %d minutes to link the chat to this email address.
                    If you did not ask for it, ignore this mail: nothing changes without the code.
                    """.formatted(code, LIFETIME.toMinutes()));
        } catch (SendFailedException e) {
            log.warn("Chat verification code {} could not be mailed: {}", id, e.getMessage());
            transaction.executeWithoutResult(status -> jdbc.sql(
                            "UPDATE chat_email_verifications SET state = 'SEND_FAILED', finished_at = ? WHERE id = ?")
                    .params(Timestamp.from(Instant.now()), id).update());
            return Outcome.of(Status.SEND_FAILED);
        }
        return new Outcome(Status.CODE_SENT, email, MAX_ATTEMPTS);
    }

    /**
     * Whether the chat has had as many codes mailed in the last hour as it may, counting every visitor's (probe 46: a
     * bound per visitor and per recipient alone let anonymous visitors, made 30 an hour per network address, mail any
     * number of strangers from Omnicase's sender). Read by the primary key: the newest rows, never a scan of the table.
     */
    private boolean hourlyBoundReached(Timestamp since) {
        if (codesPerHour <= 0) {
            return true;
        }
        boolean reached = jdbc.sql("SELECT created_at FROM chat_email_verifications ORDER BY id DESC LIMIT 1 OFFSET ?")
                .param(codesPerHour - 1).query(Timestamp.class).optional().filter(at -> at.after(since)).isPresent();
        Instant now = Instant.now();
        if (reached && warnedAt.plus(Duration.ofMinutes(1)).isBefore(now)) {
            warnedAt = now;
            log.warn("Chat verification codes refused: {} were mailed within the last hour "
                    + "(omnicase.channels.chat.codes-per-hour)", codesPerHour);
        }
        return reached;
    }

    /**
     * Checks a code against the visitor's latest one. The right code, in time, links the visitor to the customer who
     * owns the address (a merge recorded for auditors, by {@link #mergedBy}); a wrong one costs a
     * try, and the last try voids the code.
     */
    Outcome confirm(String visitor, String rawCode) {
        String code = rawCode == null ? "" : rawCode.strip();
        if (code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Outcome.of(Status.MALFORMED_CODE);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> check(visitor, code));
            } catch (DuplicateKeyException | PessimisticLockingFailureException e) {
                // A message of the same visitor created their customer concurrently: the next attempt sees it.
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private Outcome check(String visitor, String code) {
        Optional<Pending> latest = jdbc.sql("SELECT id, email, code_salt, code_hash, state, attempts, expires_at "
                        + "FROM chat_email_verifications WHERE visitor = ? ORDER BY id DESC LIMIT 1 FOR UPDATE")
                .param(visitor)
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getTimestamp(7).toInstant()))
                .optional();
        if (latest.isEmpty()) {
            return Outcome.of(Status.NO_CODE);
        }
        Pending row = latest.get();
        Instant now = Instant.now();
        switch (row.state()) {
            case "PENDING" -> {
            }
            case "LOCKED" -> {
                return Outcome.of(Status.LOCKED);
            }
            case "EXPIRED" -> {
                return Outcome.of(Status.EXPIRED);
            }
            default -> {
                return Outcome.of(Status.NO_CODE);
            }
        }
        if (!now.isBefore(row.expiresAt())) {
            finish(row.id(), "EXPIRED", now, null);
            return Outcome.of(Status.EXPIRED);
        }
        if (!MessageDigest.isEqual(hash(row.salt(), code).getBytes(StandardCharsets.US_ASCII),
                row.hash().getBytes(StandardCharsets.US_ASCII))) {
            int attempts = row.attempts() + 1;
            jdbc.sql("UPDATE chat_email_verifications SET attempts = ? WHERE id = ?").params(attempts, row.id()).update();
            if (attempts >= MAX_ATTEMPTS) {
                finish(row.id(), "LOCKED", now, null);
                return Outcome.of(Status.LOCKED);
            }
            return new Outcome(Status.WRONG_CODE, null, MAX_ATTEMPTS - attempts);
        }
        CustomerId byVisitor = customers.resolve(Channel.CHAT, visitor, null);
        Optional<CustomerId> owner = customers.known(Channel.EMAIL, row.email());
        if (owner.isPresent() && owner.get().equals(byVisitor)) {
            finish(row.id(), "VERIFIED", now, null);
            return new Outcome(Status.VERIFIED, row.email(), 0);
        }
        if (hasAnotherEmail(byVisitor, row.email())) {
            finish(row.id(), "REFUSED", now, null);
            return Outcome.of(Status.ALREADY_LINKED);
        }
        // An address no customer has yet becomes a customer of its own first, so every link is one recorded merge.
        CustomerId byEmail = owner.orElseGet(() -> customers.resolve(Channel.EMAIL, row.email(), null));
        CustomerMerge merge = customers.merge(byVisitor, byEmail, mergedBy(row.id()));
        finish(row.id(), "VERIFIED", now, merge.id());
        return new Outcome(Status.VERIFIED, row.email(), 0);
    }

    /** The address this visitor proved with a code, if they did: the widget shows the link again after a reload. */
    Optional<String> verifiedEmail(String visitor) {
        return jdbc.sql("SELECT email FROM chat_email_verifications WHERE visitor = ? AND state = 'VERIFIED' "
                + "ORDER BY id DESC LIMIT 1").param(visitor).query(String.class).optional();
    }

    /**
     * Who made a merge by code, as the merge record, the moved cases' timelines and the audit trail's actor keep it:
     * "chat visitor by a mailed code (chat email verification 12)". Neither the address nor the visitor id: the audit
     * trail's actor is sealed in its hash chain, and an erasure must be able to forget both (probe, 4 December); the
     * verification row, which an erasure clears, holds them.
     */
    static String mergedBy(long verificationId) {
        return "chat visitor by a mailed code (chat email verification " + verificationId + ")";
    }

    private boolean linkedToAnotherEmail(String visitor, String email) {
        Optional<CustomerId> customer = customers.known(Channel.CHAT, visitor);
        return customer.isPresent() && !customer.equals(customers.known(Channel.EMAIL, email))
                && hasAnotherEmail(customer.get(), email);
    }

    /**
     * A visitor already linked to one address is not linked to another by a code: on a shared browser that would merge
     * two people's records. An agent can still merge them by hand.
     */
    private boolean hasAnotherEmail(CustomerId customer, String email) {
        return customers.find(customer).map(c -> c.identities().stream()
                        .anyMatch(i -> i.kind() == IdentityKind.EMAIL && !i.address().equals(email)))
                .orElse(false);
    }

    private void finish(long id, String state, Instant now, Long mergeId) {
        jdbc.sql("UPDATE chat_email_verifications SET state = ?, finished_at = ?, merge_id = ? WHERE id = ?")
                .params(state, Timestamp.from(now), mergeId, id).update();
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    static String hash(String salt, String code) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest((salt + ":" + code).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private record Pending(long id, String email, String salt, String hash, String state, int attempts, Instant expiresAt) {
    }
}
