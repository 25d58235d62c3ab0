package io.omnicase.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A filter on the {@code caseId} field for any number of cases. Elasticsearch refuses a {@code terms} query of more
 * than {@code index.max_terms_count} values (65,536 by default), and an agent's readable cases are every case of their
 * queues: a long-lived queue holds more than that, and the agent's search and guidance then failed (probe 49). The
 * ids go in chunks below the limit, any of which may match.
 */
final class CaseIdFilter {

    /** Values per {@code terms} query, below Elasticsearch's default {@code index.max_terms_count}. */
    static final int CHUNK = 60_000;

    private CaseIdFilter() {
    }

    /** The {@code terms} queries that together match any of the cases, each at most {@link #CHUNK} values. */
    static List<Query> chunks(Collection<Long> caseIds) {
        List<FieldValue> ids = caseIds.stream().sorted().map(FieldValue::of).toList();
        List<Query> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<FieldValue> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            chunks.add(Query.of(q -> q.terms(t -> t.field("caseId").terms(v -> v.value(chunk)))));
        }
        return chunks;
    }

    /** One query matching any of the cases (none when the collection is empty). */
    static Query anyOf(Collection<Long> caseIds) {
        List<Query> chunks = chunks(caseIds);
        return chunks.size() == 1 ? chunks.get(0) : Query.of(q -> q.bool(b -> b.should(chunks).minimumShouldMatch("1")));
    }
}
