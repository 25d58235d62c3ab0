package io.omnicase.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.omnicase.routing.facts.Tier;

/** The customer as the rules see them: their tier and their recent history with us. */
public class CustomerFacts {

    private final Tier tier;
    private final int openCases;
    private final int recentCases;
    private final int sameTopicComplaints;

    /**
     * @param recentCases         cases opened in the last 90 days, this one included
     * @param sameTopicComplaints negative messages about the latest message's topic in the last 90 days, across all
     *                            the customer's cases, the latest one included
     */
    @JsonCreator
    public CustomerFacts(Tier tier, int openCases, int recentCases, int sameTopicComplaints) {
        this.tier = tier;
        this.openCases = openCases;
        this.recentCases = recentCases;
        this.sameTopicComplaints = sameTopicComplaints;
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
}
