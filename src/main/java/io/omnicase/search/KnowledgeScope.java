package io.omnicase.search;

import java.util.Set;

/**
 * What knowledge an asker may draw on. Articles and examples not taken from a case (the knowledge folder, the API,
 * evaluation runs) are for everyone; an example learned from a resolved case only for askers who may see that case:
 * a reader of every case, a reader of that case ({@code caseIds}), or a conversation in that case's queue
 * ({@code queues}, lower case). A customer's scope ({@code reviewedOnly}) also leaves out examples an agent taught
 * through the API ({@link #UNREVIEWED}): they help colleagues in the desk, but what the assistant tells customers is
 * curated by supervisors (articles, their examples) or learned from resolved cases. The scope is a filter inside the
 * Elasticsearch query. {@code exceptCases} leaves out what was learned from those cases, within any scope: the desk's
 * suggestion for a case never offers the case's own earlier answer back (walk 48: a reopened case was offered, with
 * high confidence, the very reply its customer had just said did not work).
 */
public record KnowledgeScope(boolean all, Set<Long> caseIds, Set<String> queues, boolean reviewedOnly,
                             Set<Long> exceptCases) {

    /** The origin of an example an agent taught through the API: never shown to a customer. */
    public static final String UNREVIEWED = "agent";
    /** The origin of an example an agent taught and a supervisor then reviewed: shared like a supervisor's own. */
    public static final String REVIEWED = "agent-reviewed";

    public KnowledgeScope {
        caseIds = Set.copyOf(caseIds);
        queues = Set.copyOf(queues);
        exceptCases = Set.copyOf(exceptCases);
    }

    public KnowledgeScope(boolean all, Set<Long> caseIds, Set<String> queues, boolean reviewedOnly) {
        this(all, caseIds, queues, reviewedOnly, Set.of());
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
        return new KnowledgeScope(all, caseIds, queues, true, exceptCases);
    }

    /** This scope without what was learned from the given case. */
    public KnowledgeScope without(long caseId) {
        Set<Long> except = new java.util.HashSet<>(exceptCases);
        except.add(caseId);
        return new KnowledgeScope(all, caseIds, queues, reviewedOnly, except);
    }
}
