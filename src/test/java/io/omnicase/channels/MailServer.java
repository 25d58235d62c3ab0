package io.omnicase.channels;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Properties;

/**
 * The real mail server of the integration tests (GreenMail SMTP + IMAP on free ports), started once per JVM; the
 * application reads the support mailbox from it and sends replies through it, as it would with any mail provider.
 */
public final class MailServer {

    public static final String SUPPORT = "support@omnicase.test";
    /** The authserv-id of the test mailbox's receiving server, as its Authentication-Results name it. */
    public static final String AUTHSERV_ID = "mx.omnicase.test";
    private static MailServer instance;

    private final GreenMail greenMail;

    private MailServer() {
        greenMail = new GreenMail(new ServerSetup[]{
                new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.setUser(SUPPORT, "support", "secret");
        greenMail.start();
    }

    public static synchronized MailServer get() {
        if (instance == null) {
            instance = new MailServer();
        }
        return instance;
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /**
     * Sends the mail to the support mailbox over SMTP as it is: no header rewritten (Transport.send would).
     * {@code envelopeFrom} is the SMTP sender (null: the mail's own From).
     */
    public void deliver(MimeMessage mail, String envelopeFrom) throws MessagingException {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", String.valueOf(smtpPort()));
        properties.setProperty("mail.smtp.allowutf8", "true");
        if (envelopeFrom != null) {
            properties.setProperty("mail.smtp.from", envelopeFrom);
        }
        try (Transport transport = Session.getInstance(properties).getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(mail, new InternetAddress[]{new InternetAddress(SUPPORT)});
        }
    }

    public void deliver(MimeMessage mail) throws MessagingException {
        deliver(mail, null);
    }

    Map<String, Object> properties() {
        return Map.of(
                "omnicase.channels.email.enabled", "true",
                "omnicase.channels.email.demo-server", "false",
                "omnicase.channels.email.address", SUPPORT,
                "omnicase.channels.email.imap-port", String.valueOf(greenMail.getImap().getPort()),
                "omnicase.channels.email.username", "support",
                "omnicase.channels.email.password", "secret",
                // Tests read the mailbox when they choose to, so what a poll found is theirs to assert.
                "omnicase.channels.email.poll-interval", "PT1H",
                "omnicase.channels.email.max-attachment-bytes", "65536",
                // The test mailbox's receiving server: only its Authentication-Results count (SenderAuthenticationIT).
                "omnicase.channels.email.authentication.authserv-id", AUTHSERV_ID,
                "spring.mail.port", String.valueOf(smtpPort()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
