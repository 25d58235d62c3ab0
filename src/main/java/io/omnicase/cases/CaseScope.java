package io.omnicase.cases;

import java.util.Set;

/**
 * The cases a user may read, for queries: every case, or exactly the listed ones (possibly none). Search and lists
 * put it into their query, so nothing outside it is ever fetched.
 */
public record CaseScope(boolean all, Set<Long> caseIds) {

    public static CaseScope everything() {
        return new CaseScope(true, Set.of());
    }

    public static CaseScope only(Set<Long> caseIds) {
        return new CaseScope(false, Set.copyOf(caseIds));
    }

    public boolean includes(long caseId) {
        return all || caseIds.contains(caseId);
    }
}
