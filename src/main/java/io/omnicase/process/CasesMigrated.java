package io.omnicase.process;

import java.time.Instant;
import java.util.List;

/**
 * A designer started moving running cases to another version of their process (a Camunda batch): which cases, from
 * which version to which, by whom. Each case's audit trail says so; a case the batch could not move stays on its
 * version, which Cockpit shows.
 */
public record CasesMigrated(String processKey, int fromVersion, int toVersion, String batchId, List<Long> caseIds,
                            String startedBy, Instant at) {

    public CasesMigrated {
        caseIds = List.copyOf(caseIds);
    }
}
