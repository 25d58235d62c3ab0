package io.omnicase.channels.messaging;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Meta's {@code X-Hub-Signature-256} (WhatsApp Cloud API, Messenger): {@code "sha256=" + hex(HMAC-SHA256(appSecret,
 * rawBody))}. Computed over the bytes as received, because re-serialised JSON never matches.
 */
public final class HubSignature {

    private static final String PREFIX = "sha256=";

    private HubSignature() {
    }

    public static String sign(String appSecret, byte[] rawBody) {
        return PREFIX + HexFormat.of().formatHex(hmac("HmacSHA256", appSecret, rawBody));
    }

    /** Whether the header is the signature of the body under the secret; a missing or malformed header never is. */
    public static boolean verify(String appSecret, byte[] rawBody, String header) {
        if (header == null || !header.startsWith(PREFIX) || appSecret == null || appSecret.isEmpty()) {
            return false;
        }
        byte[] expected = sign(appSecret, rawBody).getBytes(StandardCharsets.US_ASCII);
        // Hex case is not significant; compare in constant time so the signature cannot be guessed byte by byte.
        byte[] given = header.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    static byte[] hmac(String algorithm, String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
