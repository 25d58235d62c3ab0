package io.omnicase.channels.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Parses raw RFC 5322 mail. Raw 8-bit bytes in headers are read as UTF-8 (RFC 6532, and common in the wild) when the
 * header block is valid UTF-8, and one byte per character (Latin-1) otherwise: older mailers still send a raw Latin-1
 * "Subject: Müller réclamation", which read as UTF-8 lost every accented letter to U+FFFD (mail probe of 5 December).
 */
final class Mails {

    private static final Session UTF8 = session(true);
    private static final Session LATIN1 = session(false);

    private Mails() {
    }

    static MimeMessage parse(InputStream raw) throws MessagingException {
        byte[] bytes;
        try {
            bytes = raw.readAllBytes();
        } catch (IOException e) {
            throw new MessagingException("The mail could not be read", e);
        }
        return parse(bytes);
    }

    /** Parses the mail in place: the message keeps this array as its content instead of a copy of it. */
    static MimeMessage parse(byte[] bytes) throws MessagingException {
        return new MimeMessage(MailText.isUtf8(bytes, headerEnd(bytes)) ? UTF8 : LATIN1,
                new jakarta.mail.util.SharedByteArrayInputStream(bytes));
    }

    private static Session session(boolean utf8) {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.allowutf8", Boolean.toString(utf8));
        return Session.getInstance(properties);
    }

    /** Where the header block ends: at the first empty line, or the end of the mail. */
    private static int headerEnd(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\n' && (bytes[i + 1] == '\n' || bytes[i + 1] == '\r' && i + 2 < bytes.length && bytes[i + 2] == '\n')) {
                return i;
            }
        }
        return bytes.length;
    }

}
