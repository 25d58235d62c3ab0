package io.omnicase.cases;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Makes every field of an inbound message fit its column and hold no control characters. Channels whose provider
 * cannot be refused (webhooks, mail) rely on it: a value too long is shortened at a character boundary, never failed.
 */
final class IntakeFields {

    /** customers.display_name */
    static final int DISPLAY_NAME = 200;
    /** cases.subject */
    static final int SUBJECT = 300;
    /** interactions.provider_message_id, interactions.thread_ref, case_threads.thread_ref */
    static final int REFERENCE = 255;
    /** The longest text kept of one message (interactions.body is MEDIUMTEXT; a timeline entry is read by a person). */
    static final int TEXT = 100_000;
    static final String SHORTENED = "\n[message shortened]";
    /** Stands for half a surrogate pair, which is no character and which the database refuses. */
    private static final char REPLACEMENT = '\uFFFD';

    private IntakeFields() {
    }

    /** Joiners some scripts and emoji need inside a word; the other format characters are dropped from a line. */
    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;

    /**
     * One line of at most {@code max} characters: control characters become spaces, runs of white space one space,
     * bidi controls and other invisible format characters are dropped.
     */
    static String line(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder line = new StringBuilder(Math.min(value.length(), 2 * max + 2));
        boolean space = false;
        int codePoints = 0;
        for (int i = 0; i < value.length() && codePoints < max; ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (c <= Character.MAX_VALUE && Character.isSurrogate((char) c)) {
                c = REPLACEMENT;
            }
            if (Character.getType(c) == Character.FORMAT && c != ZWNJ && c != ZWJ) {
                // Bidi controls and invisible characters: "\u202Erosivrepus" would read as "supervisor" backwards.
                continue;
            }
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                space = !line.isEmpty();
            } else {
                if (space) {
                    line.append(' ');
                    codePoints++;
                    space = false;
                }
                if (codePoints < max) {
                    line.appendCodePoint(c);
                    codePoints++;
                }
            }
        }
        String result = line.toString().strip();
        return result.isEmpty() ? null : result;
    }

    /**
     * Message text: line breaks kept (as \n), tabs kept, every other control character dropped, and the bidi controls
     * that reorder text after them (embeddings, overrides, isolates) dropped: "invoice\u202Egpj.exe" showed as
     * "invoiceexe.jpg", and the desk's own sentences around a quoted message ran backwards (mail probe of 5 December).
     * Right-to-left text needs none of them; the marks (U+200E, U+200F) stay. At most {@link #TEXT}.
     */
    static String text(String value) {
        StringBuilder text = new StringBuilder(Math.min(value.length(), TEXT + 16));
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r') {
                text.append('\n');
                if (i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                text.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                // Half of a pair is no character: the database would refuse the text ("Incorrect string value").
                text.append(REPLACEMENT);
            } else if ((c == '\n' || c == '\t' || !Character.isISOControl(c)) && !reorders(c)) {
                text.append(c);
            }
        }
        String cleaned = text.toString();
        return cleaned.codePointCount(0, cleaned.length()) <= TEXT ? cleaned
                : shorten(cleaned, TEXT - SHORTENED.length()) + SHORTENED;
    }

    /** A bidi embedding, override or isolate (or their ends): it reorders the text after it. */
    private static boolean reorders(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
    }

    /**
     * A provider's message id or thread reference that fits the column: as sent when it does and holds no control
     * character, else a digest of it, so that the same long id still finds the stored message (deduplication holds).
     */
    static String reference(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() <= REFERENCE && value.chars().noneMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c))) {
            return value;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** At most {@code max} characters (code points, as MariaDB counts them), never splitting a surrogate pair. */
    static String shorten(String value, int max) {
        if (value.length() <= max || value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max));
    }

    /** The time a customer sent a message, when plausible; null (meaning "when it arrived") otherwise. */
    static Instant sentAt(Instant value, Instant now) {
        return value != null && InboundMessage.isPlausibleSentAt(value, now) ? value : null;
    }
}
