package io.omnicase.channels.voice;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The signature of a call event: {@code X-Omnicase-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." +
 * rawBody)>}. The timestamp is signed with the body, so a captured event cannot be replayed after the tolerance.
 */
public final class CallEventSignature {

    /** Whether a signature was accepted, and if not, why. */
    public enum Verdict { VALID, MISSING, MALFORMED, WRONG, STALE }

    private CallEventSignature() {
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret, timestamp, body));
    }

    public static Verdict verify(String secret, byte[] body, String header, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        Long timestamp = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t") && pair[1].matches("\\d{1,12}")) {
                timestamp = Long.parseLong(pair[1]);
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                v1 = pair[1].toLowerCase(java.util.Locale.ROOT);
            }
        }
        if (timestamp == null || v1 == null || secret == null || secret.isEmpty()) {
            return Verdict.MALFORMED;
        }
        byte[] expected = HexFormat.of().formatHex(hmac(secret, timestamp, body)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.WRONG;
        }
        return Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds() ? Verdict.STALE : Verdict.VALID;
    }

    private static byte[] hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
