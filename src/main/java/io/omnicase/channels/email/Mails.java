package io.omnicase.channels.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.InputStream;
import java.util.Properties;

/** Parses raw RFC 5322 mail; UTF-8 in raw headers (RFC 6532, and common in the wild) is read as UTF-8. */
final class Mails {

    private static final Session SESSION;

    static {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.allowutf8", "true");
        SESSION = Session.getInstance(properties);
    }

    private Mails() {
    }

    static MimeMessage parse(InputStream raw) throws MessagingException {
        return new MimeMessage(SESSION, raw);
    }
}
