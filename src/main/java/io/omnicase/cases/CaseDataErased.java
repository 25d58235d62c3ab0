package io.omnicase.cases;

import java.time.Instant;
import java.util.List;

/**
 * The personal data of these cases was erased from the case record (texts, addresses, subjects, thread references);
 * published inside the erasing transaction, so modules holding copies of it in MariaDB (attachments, routing facts,
 * learned examples) erase theirs in a plain listener and everything commits together.
 */
public record CaseDataErased(List<Long> caseIds, String erasedBy, Instant erasedAt) {

    public CaseDataErased {
        caseIds = List.copyOf(caseIds);
    }
}
