package io.omnicase.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.omnicase.routing.facts.Tier;

/** The customer as the rules see them: their tier and their recent history with us. */
public class CustomerFacts {

    private final Tier tier;
    private final int openCases;
    private final int recentCases;
    private final int sameTopicComplaints;
    private final int repeatCount;
    private final int daysSinceLastContact;
    private final PreviousOutcome previousOutcome;

    /** A customer without earlier contacts about the same issue (a first contact). */
    public CustomerFacts(Tier tier, int openCases, int recentCases, int sameTopicComplaints) {
        this(tier, openCases, recentCases, sameTopicComplaints, RepeatFacts.FIRST_CONTACT.repeatCount(),
                RepeatFacts.NEVER, PreviousOutcome.NONE);
    }

    public CustomerFacts(Tier tier, int openCases, int recentCases, int sameTopicComplaints, RepeatFacts repeats) {
        this(tier, openCases, recentCases, sameTopicComplaints, repeats.repeatCount(), repeats.daysSinceLastContact(),
                repeats.previousOutcome());
    }

    /**
     * Facts recorded before repeats existed lack the last three: they read as a first contact.
     *
     * @param recentCases          cases opened in the last 90 days, this one included
     * @param sameTopicComplaints  negative messages about the latest message's topic in the last 90 days, across all
     *                             the customer's cases, the latest one included
     * @param repeatCount          cases about the same issue (same topic or similar text) in the last 90 days, across
     *                             channels, this one included; see {@link RepeatFacts}
     * @param daysSinceLastContact days since the latest earlier case about it; {@link RepeatFacts#NEVER} if none
     * @param previousOutcome      how that earlier case ended
     */
    @JsonCreator
    public CustomerFacts(Tier tier, int openCases, int recentCases, int sameTopicComplaints, Integer repeatCount,
                         Integer daysSinceLastContact, PreviousOutcome previousOutcome) {
        this.tier = tier;
        this.openCases = openCases;
        this.recentCases = recentCases;
        this.sameTopicComplaints = sameTopicComplaints;
        this.repeatCount = repeatCount == null ? 1 : Math.max(1, repeatCount);
        this.daysSinceLastContact = daysSinceLastContact == null ? RepeatFacts.NEVER : daysSinceLastContact;
        this.previousOutcome = previousOutcome == null ? PreviousOutcome.NONE : previousOutcome;
    }

    public Tier getTier() {
        return tier;
    }

    public int getOpenCases() {
        return openCases;
    }

    public int getRecentCases() {
        return recentCases;
    }

    public int getSameTopicComplaints() {
        return sameTopicComplaints;
    }

    public int getRepeatCount() {
        return repeatCount;
    }

    public int getDaysSinceLastContact() {
        return daysSinceLastContact;
    }

    public PreviousOutcome getPreviousOutcome() {
        return previousOutcome;
    }
}
