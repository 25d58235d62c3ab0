package io.omnicase.channels.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Reads a mail's parts the way a mail client shows a broken mail: as much as can be read, never a failure. Real mail
 * comes with a multipart whose boundary never appears, base64 with stray characters or a cut-off end, a
 * Content-Transfer-Encoding nobody knows; Jakarta Mail refuses each, and the poller could not take such a mail at all
 * (after five tries it went to the folder for an operator, and the customer got no answer; mail probe of 5 December).
 */
final class MimeParts {

    private MimeParts() {
    }

    /** The parts of a multipart; none when it cannot be split (its body is then read as text, see {@link #content}). */
    static List<BodyPart> children(Part part) throws MessagingException, IOException {
        if (!part.isMimeType("multipart/*")) {
            return List.of();
        }
        try {
            if (!(part.getContent() instanceof Multipart multipart)) {
                return List.of();
            }
            List<BodyPart> parts = new ArrayList<>(multipart.getCount());
            for (int i = 0; i < multipart.getCount(); i++) {
                parts.add(multipart.getBodyPart(i));
            }
            return parts;
        } catch (MessagingException | IOException unsplittable) {
            return List.of();
        }
    }

    /** Whether the part's Content-Type can be read (a part without one is text/plain, which can). */
    static boolean readableType(Part part) throws MessagingException {
        String type = part.getContentType();
        if (type == null) {
            return true;
        }
        try {
            new jakarta.mail.internet.ContentType(type);
            return true;
        } catch (jakarta.mail.internet.ParseException unreadable) {
            return false;
        }
    }

    /** The mail a message/rfc822 part holds; empty when it cannot be read. */
    static java.util.Optional<Part> enclosed(Part part) {
        try {
            return part.getContent() instanceof Part inner ? java.util.Optional.of(inner) : java.util.Optional.empty();
        } catch (MessagingException | IOException unreadable) {
            return java.util.Optional.empty();
        }
    }


    /**
     * The part's content, decoded by its transfer encoding: leniently when it is broken (base64: the characters of the
     * alphabet, a cut-off last group dropped), as sent when the encoding is unknown. At most {@code max} bytes.
     */
    static byte[] content(Part part, int max) throws MessagingException {
        try (InputStream in = part.getInputStream()) {
            return in.readNBytes(max);
        } catch (IOException | MessagingException broken) {
            byte[] raw = raw(part, max);
            String encoding = part instanceof MimePart mime ? mime.getEncoding() : null;
            return encoding != null && "base64".equals(encoding.strip().toLowerCase(Locale.ROOT)) ? base64(raw) : raw;
        }
    }

    /** The part's body as it stands in the mail, before any decoding; empty when it cannot be read. */
    static byte[] raw(Part part, int max) {
        try (InputStream in = part instanceof MimeBodyPart body ? body.getRawInputStream()
                : part instanceof MimeMessage message ? message.getRawInputStream() : InputStream.nullInputStream()) {
            return in.readNBytes(max);
        } catch (IOException | MessagingException unreadable) {
            return new byte[0];
        }
    }

    private static byte[] base64(byte[] raw) {
        ByteArrayOutputStream alphabet = new ByteArrayOutputStream(raw.length);
        for (byte b : raw) {
            if (b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+' || b == '/') {
                alphabet.write(b);
            }
        }
        byte[] chars = alphabet.toByteArray();
        // A last group of one character holds no whole byte.
        int usable = chars.length % 4 == 1 ? chars.length - 1 : chars.length;
        byte[] padded = new byte[(usable + 3) / 4 * 4];
        System.arraycopy(chars, 0, padded, 0, usable);
        for (int i = usable; i < padded.length; i++) {
            padded[i] = '=';
        }
        return Base64.getDecoder().decode(padded);
    }
}
