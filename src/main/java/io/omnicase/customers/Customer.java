package io.omnicase.customers;

import java.time.Instant;
import java.util.List;

/** A customer with every identity they have used. */
public record Customer(CustomerId id, String displayName, Tier tier, List<Identity> identities, Instant createdAt) {

    /** Service level of a customer; routing treats higher tiers with more care. */
    public enum Tier { STANDARD, GOLD, VIP }
}
