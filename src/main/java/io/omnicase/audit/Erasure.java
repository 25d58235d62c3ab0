package io.omnicase.audit;

import java.time.Instant;
import java.util.List;

/**
 * What an erasure did.
 *
 * @param auditEntriesPseudonymised audit entries whose content was dropped (their hashes stay)
 * @param processInstances          process instances removed from the engine's runtime and history
 * @param indexedEntries            timeline entries removed from the search index
 * @param learnedExamples           examples the assistant had learnt from the cases, removed from the search index
 * @param stores                    the stores erased
 */
public record Erasure(long customerId, List<Long> cases, int auditEntriesPseudonymised, int processInstances,
                      int indexedEntries, int learnedExamples, List<String> stores, String erasedBy, Instant erasedAt) {

    public Erasure {
        cases = List.copyOf(cases);
        stores = List.copyOf(stores);
    }
}
