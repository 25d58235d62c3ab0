package io.omnicase.channels.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds what one anonymous party can make the chat do: new visitors per network address an hour (each new visitor's
 * first message opens a case and starts its process) and messages per visitor a minute. The chat is open to anyone,
 * so without this one script could open cases faster than any team reads them. Counts are kept in memory per node
 * (a sliding window of the last admissions), so a restart forgets them; a proxy in front must pass the client's
 * address (Spring's {@code server.forward-headers-strategy}), or every visitor behind it shares one count.
 */
final class ChatFloodGuard {

    /** Above this many tracked keys, windows that have emptied are dropped before a new key is added. */
    private static final int TRACKED = 100_000;

    /** How many unverified addresses a case's timeline is told of in an hour, whoever gives them. */
    static final int HINTS_PER_CASE_PER_HOUR = 3;

    private final Limit newVisitors;
    private final Limit messages;
    private final Limit hints;
    private final Limit codeRequests;

    ChatFloodGuard(int newVisitorsPerAddressPerHour, int messagesPerVisitorPerMinute, int codesPerAddressPerHour,
                   Clock clock) {
        this.newVisitors = new Limit(newVisitorsPerAddressPerHour, Duration.ofHours(1), clock);
        this.messages = new Limit(messagesPerVisitorPerMinute, Duration.ofMinutes(1), clock);
        this.hints = new Limit(HINTS_PER_CASE_PER_HOUR, Duration.ofHours(1), clock);
        this.codeRequests = new Limit(codesPerAddressPerHour, Duration.ofHours(1), clock);
    }

    /**
     * Whether this network address may have one more verification code mailed now (and counts it if so). Each code is
     * a mail from Omnicase's own sender to an address the visitor chose; counted per visitor only, a script that kept
     * the tokens of the visitors it made (30 an hour, each good for 30 days and 5 codes an hour) mailed more strangers
     * every hour it ran (probe 46).
     */
    boolean admitCodeRequest(String address) {
        return codeRequests.admit(address == null ? "unknown" : address);
    }

    /**
     * Whether the case's timeline may note one more unverified address now (and counts it if so): each note is a row,
     * an event to every desk and a link of the audit chain, which nothing removes (probe of 4 December: one socket
     * wrote 200 notes in 2 s).
     */
    boolean admitHintNote(long caseId) {
        return hints.admit("case " + caseId);
    }

    /** Whether a new visitor may start from this address now (and counts it if so). */
    boolean admitNewVisitor(String address) {
        return newVisitors.admit(address == null ? "unknown" : address);
    }

    /** Whether this visitor may send a message now (and counts it if so). */
    boolean admitMessage(String visitor) {
        return messages.admit(visitor);
    }

    /** At most {@code max} admissions per key within {@code window}. */
    private static final class Limit {

        private final int max;
        private final Duration window;
        private final Clock clock;
        private final Map<String, ArrayDeque<Instant>> admitted = new ConcurrentHashMap<>();

        Limit(int max, Duration window, Clock clock) {
            this.max = max;
            this.window = window;
            this.clock = clock;
        }

        boolean admit(String key) {
            Instant now = clock.instant();
            Instant since = now.minus(window);
            if (admitted.size() > TRACKED && !admitted.containsKey(key)) {
                admitted.entrySet().removeIf(e -> {
                    synchronized (e.getValue()) {
                        return e.getValue().isEmpty() || !e.getValue().peekLast().isAfter(since);
                    }
                });
            }
            ArrayDeque<Instant> times = admitted.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
                    times.pollFirst();
                }
                if (times.size() >= max) {
                    return false;
                }
                times.addLast(now);
                return true;
            }
        }
    }
}
