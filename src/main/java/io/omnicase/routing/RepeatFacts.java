package io.omnicase.routing;

/**
 * The customer's earlier contacts about the issue a case is about, as routing reads them.
 *
 * @param repeatCount          contacts (cases) about the same issue within {@link CaseRouting#RECENT}, this one included
 * @param daysSinceLastContact whole days since the latest earlier contact about it; {@link #NEVER} when there is none
 * @param previousOutcome      how the latest earlier case about it ended
 */
public record RepeatFacts(int repeatCount, int daysSinceLastContact, PreviousOutcome previousOutcome) {

    /** The days since the last contact of a customer who had none: beyond any rule's range. */
    public static final int NEVER = 1_000_000;

    /** A first contact about the issue. */
    public static final RepeatFacts FIRST_CONTACT = new RepeatFacts(1, NEVER, PreviousOutcome.NONE);

    public RepeatFacts {
        repeatCount = Math.max(1, repeatCount);
        previousOutcome = previousOutcome == null ? PreviousOutcome.NONE : previousOutcome;
    }
}
