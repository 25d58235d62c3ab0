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
 */
@ConfigurationProperties(prefix = "omnicase.channels.chat")
record ChatProperties(String tokenSecret, Duration tokenLifetime) {

    ChatProperties {
        tokenLifetime = tokenLifetime == null ? Duration.ofDays(30) : tokenLifetime;
    }
}
