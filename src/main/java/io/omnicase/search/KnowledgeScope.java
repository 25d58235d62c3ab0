package io.omnicase.search;

import java.util.Set;

/**
 * What knowledge an asker may draw on. Articles and examples not taken from a case (the knowledge folder, the API,
 * evaluation runs) are for everyone; an example learned from a resolved case only for askers who may see that case:
 * a reader of every case, a reader of that case ({@code caseIds}), or a conversation in that case's queue
 * ({@code queues}, lower case). The scope is a filter inside the Elasticsearch query.
 */
public record KnowledgeScope(boolean all, Set<Long> caseIds, Set<String> queues) {

    public KnowledgeScope {
        caseIds = Set.copyOf(caseIds);
        queues = Set.copyOf(queues);
    }

    public static KnowledgeScope everything() {
        return new KnowledgeScope(true, Set.of(), Set.of());
    }

    /** Only knowledge that comes from no case. */
    public static KnowledgeScope shared() {
        return new KnowledgeScope(false, Set.of(), Set.of());
    }

    public static KnowledgeScope cases(Set<Long> caseIds) {
        return new KnowledgeScope(false, caseIds, Set.of());
    }

    public static KnowledgeScope queue(String queue) {
        return new KnowledgeScope(false, Set.of(), queue == null ? Set.of() : Set.of(queue.toLowerCase(java.util.Locale.ROOT)));
    }
}
