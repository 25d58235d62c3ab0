package io.omnicase.customers;

import java.time.Instant;
import java.util.List;

/** A recorded merge of two customers found to be one person: who merged them, when, and what moved. */
public record CustomerMerge(long id, CustomerId source, CustomerId target, String mergedBy, List<Identity> identities,
                            List<Long> caseIds, Instant mergedAt) {
}
