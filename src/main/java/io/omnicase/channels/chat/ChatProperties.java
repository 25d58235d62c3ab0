package io.omnicase.channels.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The chat widget's settings ({@code omnicase.channels.chat.*}).
 *
 * @param tokenSecret   the key that signs visitor tokens (HMAC-SHA256), at least 32 characters; unset in the default
 *                      run, where a random key is made at each start (visitors become new after a restart), and
 *                      required in production, the same on every node
 * @param tokenLifetime how long a visitor token lasts since its last use (each visit renews it)
 * @param newVisitorsPerAddressPerHour new visitors one network address may start in an hour (default 30)
 * @param messagesPerVisitorPerMinute  messages one visitor may send in a minute (default 20)
 */
@ConfigurationProperties(prefix = "omnicase.channels.chat")
record ChatProperties(String tokenSecret, Duration tokenLifetime, Integer newVisitorsPerAddressPerHour,
                      Integer messagesPerVisitorPerMinute) {

    ChatProperties {
        tokenLifetime = tokenLifetime == null ? Duration.ofDays(30) : tokenLifetime;
        newVisitorsPerAddressPerHour = newVisitorsPerAddressPerHour == null ? 30 : newVisitorsPerAddressPerHour;
        messagesPerVisitorPerMinute = messagesPerVisitorPerMinute == null ? 20 : messagesPerVisitorPerMinute;
    }
}
