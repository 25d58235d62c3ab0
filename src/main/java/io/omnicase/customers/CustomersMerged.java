package io.omnicase.customers;

import java.time.Instant;
import java.util.List;

/**
 * Two customers were found to be one person and merged: the source's identities now belong to the target, and the
 * merge is recorded as {@code mergeId}. Published inside the merging transaction; a module holding data of the source
 * (cases) moves it to the target in a plain, synchronous listener, so the whole merge commits or rolls back together,
 * and reports what it moved with {@link Customers#recordMovedCases(CustomersMerged, List)}.
 */
public record CustomersMerged(long mergeId, CustomerId source, CustomerId target, String mergedBy,
                              List<Identity> identities, Instant mergedAt) {
}
