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
 * @param socketsPerAddress chat sockets one network address may hold open (default 20: a household or an office
 *                          behind one address, each person with a few tabs)
 * @param sockets           chat sockets all visitors together may hold open (default 2,000; every socket holds one of
 *                          the server's connections, 8,192 in all, which staff pages and the API need too)
 * @param idleTimeout       a chat socket silent this long is closed (default 10 minutes; the widget reconnects)
 * @param codesPerAddressPerHour verification codes one network address may ask to be mailed in an hour (default 10):
 *                               visitors are free to make and their tokens last, so a count per visitor alone let
 *                               one script mail any number of strangers
 * @param codesPerHour      verification codes mailed in an hour by all visitors together (default 500): the bound on
 *                          what the chat can make Omnicase's mail server send, from however many addresses
 */
@ConfigurationProperties(prefix = "omnicase.channels.chat")
record ChatProperties(String tokenSecret, Duration tokenLifetime, Integer newVisitorsPerAddressPerHour,
                      Integer messagesPerVisitorPerMinute, Integer socketsPerAddress, Integer sockets,
                      Duration idleTimeout, Integer codesPerAddressPerHour, Integer codesPerHour) {

    ChatProperties {
        tokenLifetime = tokenLifetime == null ? Duration.ofDays(30) : tokenLifetime;
        newVisitorsPerAddressPerHour = newVisitorsPerAddressPerHour == null ? 30 : newVisitorsPerAddressPerHour;
        messagesPerVisitorPerMinute = messagesPerVisitorPerMinute == null ? 20 : messagesPerVisitorPerMinute;
        socketsPerAddress = socketsPerAddress == null ? 20 : socketsPerAddress;
        sockets = sockets == null ? 2_000 : sockets;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(10) : idleTimeout;
        codesPerAddressPerHour = codesPerAddressPerHour == null ? 10 : codesPerAddressPerHour;
        codesPerHour = codesPerHour == null ? 500 : codesPerHour;
    }
}
