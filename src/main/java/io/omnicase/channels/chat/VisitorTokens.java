package io.omnicase.channels.chat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed, expiring visitor tokens: {@code v1.<visitor id>.<expiry, epoch seconds>.<HMAC-SHA256>}. The server makes the
 * visitor id, so a widget can only come back as a visitor it was given, never pick one; a token that is forged,
 * tampered with or expired is refused and its holder starts as a new visitor.
 */
@Component
class VisitorTokens {

    private static final Logger log = LoggerFactory.getLogger(VisitorTokens.class);
    static final int MIN_SECRET = 32;
    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;

    @Autowired
    VisitorTokens(ChatProperties properties) {
        this(properties, Clock.systemUTC());
    }

    VisitorTokens(ChatProperties properties, Clock clock) {
        this.key = new SecretKeySpec(secret(properties.tokenSecret()), ALGORITHM);
        this.lifetime = properties.tokenLifetime();
        this.clock = clock;
    }

    private static byte[] secret(String configured) {
        if (configured == null || configured.isBlank()) {
            log.info("omnicase.channels.chat.token-secret is not set: chat visitor tokens are signed with a key made for "
                    + "this run only, so visitors start afresh after a restart");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        }
        if (configured.strip().length() < MIN_SECRET) {
            throw new IllegalStateException("omnicase.channels.chat.token-secret must be at least " + MIN_SECRET
                    + " characters long");
        }
        return configured.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** A token for a new visitor, with a new visitor id. */
    Issued issueForNewVisitor() {
        return issue("v-" + UUID.randomUUID());
    }

    /** A fresh token for a known visitor: each use moves the expiry forward. */
    Issued issue(String visitor) {
        Instant expires = clock.instant().plus(lifetime);
        String payload = VERSION + "." + visitor + "." + expires.getEpochSecond();
        return new Issued(visitor, payload + "." + sign(payload), expires);
    }

    /** The visitor the token names, if the token is well formed, signed with this server's key and not expired. */
    Optional<String> visitorOf(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0]) || parts[1].isEmpty()) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        long expires;
        try {
            expires = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return clock.instant().getEpochSecond() < expires ? Optional.of(parts[1]) : Optional.empty();
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** A token handed to a widget, the visitor it names and when it runs out unless used again. */
    record Issued(String visitor, String token, Instant expires) {
    }
}
