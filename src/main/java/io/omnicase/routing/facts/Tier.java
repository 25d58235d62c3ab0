package io.omnicase.routing.facts;

/** The customer's tier, as the routing rules name it. */
public enum Tier {
    STANDARD, GOLD, VIP
}
