package io.omnicase.search;

import java.util.Set;

/**
 * What knowledge an asker may draw on. Articles and examples not taken from a case (the knowledge folder, the API,
 * evaluation runs) are for everyone; an example learned from a resolved case only for askers who may see that case:
 * a reader of every case, a reader of that case ({@code caseIds}), or a conversation in that case's queue
 * ({@code queues}, lower case). A customer's scope ({@code reviewedOnly}) also leaves out examples an agent taught
 * through the API ({@link #UNREVIEWED}): they help colleagues in the desk, but what the assistant tells customers is
 * curated by supervisors (articles, their examples) or learned from resolved cases. The scope is a filter inside the
 * Elasticsearch query.
 */
public record KnowledgeScope(boolean all, Set<Long> caseIds, Set<String> queues, boolean reviewedOnly) {

    /** The origin of an example an agent taught through the API: never shown to a customer. */
    public static final String UNREVIEWED = "agent";
    /** The origin of an example an agent taught and a supervisor then reviewed: shared like a supervisor's own. */
    public static final String REVIEWED = "agent-reviewed";

    public KnowledgeScope {
        caseIds = Set.copyOf(caseIds);
        queues = Set.copyOf(queues);
    }

    public static KnowledgeScope everything() {
        return new KnowledgeScope(true, Set.of(), Set.of(), false);
    }

    /** Only knowledge that comes from no case. */
    public static KnowledgeScope shared() {
        return new KnowledgeScope(false, Set.of(), Set.of(), false);
    }

    public static KnowledgeScope cases(Set<Long> caseIds) {
        return new KnowledgeScope(false, caseIds, Set.of(), false);
    }

    public static KnowledgeScope queue(String queue) {
        return new KnowledgeScope(false, Set.of(), queue == null ? Set.of() : Set.of(queue.toLowerCase(java.util.Locale.ROOT)),
                false);
    }

    /** This scope as a customer may see it: without the examples agents taught and no supervisor reviewed. */
    public KnowledgeScope forCustomers() {
        return new KnowledgeScope(all, caseIds, queues, true);
    }
}
