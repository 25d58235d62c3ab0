package io.omnicase.channels.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.omnicase.channels.ChannelsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The demo mailbox of the default run: a local GreenMail SMTP and IMAP server holding the support mailbox, so mail
 * can be tried without a mail provider. Customers' mailboxes are created on first delivery (login = password =
 * the address). Never part of production ({@code omnicase.channels.email.demo-server: false}).
 */
@Component
@ConditionalOnProperty(name = "omnicase.channels.email.demo-server", havingValue = "true")
class DemoMailServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoMailServer.class);

    private final ChannelsProperties.Email config;
    private GreenMail server;

    DemoMailServer(ChannelsProperties properties) {
        this.config = properties.email();
    }

    @Override
    public synchronized void start() {
        server = new GreenMail(new ServerSetup[]{
                new ServerSetup(config.demoSmtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(config.demoImapPort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        server.setUser(config.address(), config.username(), config.password());
        server.start();
        log.info("Demo mailbox {} on SMTP 127.0.0.1:{}, IMAP 127.0.0.1:{} (login {})", config.address(),
                config.demoSmtpPort(), config.demoImapPort(), config.username());
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Before the poller and the web server: the mailbox must be there when the first poll runs. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 100;
    }
}
