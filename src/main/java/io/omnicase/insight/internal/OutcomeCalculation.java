package io.omnicase.insight.internal;

import io.omnicase.search.CaseOutcome;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Computes a case's {@link CaseOutcome} from its timeline, in plain Java (no framework): who handled it, its handle
 * time, first-contact resolution, reopening, SLA breaches, the change of the customer's mood from their first message
 * to their last, and the reply after which their mood fell most.
 */
public final class OutcomeCalculation {

    /** The author the assistant's replies carry; a case nobody else replied to was handled by it. */
    public static final String ASSISTANT = "assistant";
    private static final int EXCERPT = 160;

    private OutcomeCalculation() {
    }

    /** One timeline entry as the calculation reads it; {@code sentiment} only on customer messages. */
    public record Entry(Kind kind, String author, String text, Double sentiment, Instant at) {
    }

    /** What an entry is, as far as coaching cares. */
    public enum Kind { CUSTOMER, REPLY, SLA_BREACH, OTHER }

    /** The case itself as the calculation reads it. */
    public record Case(long caseId, long customerId, String topic, String queue, String channel, String status,
                       Instant openedAt, Instant resolvedAt, int reopenCount) {
    }

    /**
     * Who handled a case, for every figure coaching shows (its rows, their quality scores): the last person who replied,
     * else the assistant.
     */
    public static String agentOf(List<Entry> timeline) {
        String agent = null;
        for (Entry e : timeline) {
            if (e.kind() == Kind.REPLY && !ASSISTANT.equals(e.author())) {
                agent = e.author();
            }
        }
        return agent == null ? ASSISTANT : agent;
    }

    public static CaseOutcome of(Case c, List<Entry> timeline) {
        int replies = 0;
        int breaches = 0;
        Double first = null;
        Double last = null;
        String lastText = null;
        Double before = null;           // the customer's latest sentiment so far
        Entry pendingReply = null;      // a person's reply not yet followed by a customer message
        Double pendingBefore = null;
        Entry fellReply = null;
        Double fellBefore = null;
        Double fellAfter = null;
        double fellDrop = 0;
        for (Entry e : timeline) {
            switch (e.kind()) {
                case CUSTOMER -> {
                    if (e.sentiment() != null) {
                        if (first == null) {
                            first = e.sentiment();
                        }
                        last = e.sentiment();
                        if (pendingReply != null && pendingBefore != null && e.sentiment() - pendingBefore < fellDrop) {
                            fellDrop = e.sentiment() - pendingBefore;
                            fellReply = pendingReply;
                            fellBefore = pendingBefore;
                            fellAfter = e.sentiment();
                        }
                        before = e.sentiment();
                    }
                    lastText = e.text();
                    pendingReply = null;
                }
                case REPLY -> {
                    replies++;
                    if (!ASSISTANT.equals(e.author())) {
                        pendingReply = e;
                        pendingBefore = before;
                    }
                }
                case SLA_BREACH -> breaches++;
                case OTHER -> {
                }
            }
        }
        boolean resolved = c.resolvedAt() != null;
        Long handle = resolved ? Math.max(0, Duration.between(c.openedAt(), c.resolvedAt()).toSeconds()) : null;
        int fcr = resolved && c.reopenCount() == 0 && replies <= 1 ? 1 : 0;
        Double change = first != null && last != null && countCustomer(timeline) >= 2 ? round(last - first) : null;
        return new CaseOutcome(c.caseId(), c.customerId(), agentOf(timeline), c.topic(), c.queue(),
                c.channel(), c.status(), c.openedAt(), c.resolvedAt(), handle, replies, fcr,
                c.reopenCount() > 0 ? 1 : 0, first, last, change, breaches,
                fellReply == null ? null : fellReply.at(), fellBefore, fellAfter,
                fellReply == null ? null : round(fellDrop), fellReply == null ? null : fellReply.author(),
                fellReply == null ? null : excerpt(fellReply.text()), excerpt(lastText));
    }

    private static long countCustomer(List<Entry> timeline) {
        return timeline.stream().filter(e -> e.kind() == Kind.CUSTOMER && e.sentiment() != null).count();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT - 1) + "…";
    }
}
