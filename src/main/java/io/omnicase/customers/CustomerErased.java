package io.omnicase.customers;

import java.time.Instant;
import java.util.List;

/**
 * A customer's personal data is being erased: their name and identities are gone from the customers module, and
 * every module holding data of them or of their cases erases it in a plain, synchronous listener, inside the erasing
 * transaction (so the whole erasure commits or rolls back together). Stores outside the database (the search index,
 * the process engine, the mailbox) are erased by their modules after commit.
 *
 * @param identities the addresses the customer was known by (of merged-away customers too), to find copies by address
 * @param caseIds    the customer's cases
 */
public record CustomerErased(CustomerId customer, List<Identity> identities, List<Long> caseIds, String erasedBy,
                             Instant erasedAt) {

    public CustomerErased {
        identities = List.copyOf(identities);
        caseIds = List.copyOf(caseIds);
    }
}
