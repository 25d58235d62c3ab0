package io.omnicase.search;

/**
 * One thing the assistant may ground an answer in, as the knowledge index holds it: an article or a resolved example.
 *
 * @param id     unique across kinds, e.g. {@code article:reset-password} or {@code example:42}
 * @param kind   {@code ARTICLE} or {@code EXAMPLE}
 * @param title  the article's title, or the example's question
 * @param text   the article's body, or the example's question
 * @param answer what the assistant would say: an example's answer, an article's summary
 * @param origin where it came from (the knowledge folder, the API, a resolved case, an evaluation run)
 * @param caseId the resolved case an example was learned from; null for knowledge that comes from no case
 * @param queue  that case's queue when it was resolved (lower case); null for knowledge that comes from no case
 */
public record KnowledgeEntry(String id, String kind, String topic, String title, String text, String answer,
                             String origin, Long caseId, String queue) {

    public KnowledgeEntry(String id, String kind, String topic, String title, String text, String answer, String origin) {
        this(id, kind, topic, title, text, answer, origin, null, null);
    }

    /**
     * Which entries phrase one question: an article alone (it answers a question of its own), the examples learned from
     * one case, or the examples taught under one topic (whoever teaches through the API names the topic as the question's
     * intent). How close phrasings of one question lie to each other is measured only within such a group: two articles of
     * a broad topic are not two ways of asking one thing, and counting them as such made any question of that topic look
     * like a paraphrase.
     */
    public String phrasing() {
        if (caseId != null) {
            return "case:" + caseId;
        }
        return "ARTICLE".equals(kind) ? id : "topic:" + topic;
    }

    /**
     * The text whose meaning is embedded: an example's question, an article's title. An article's title says what
     * question it answers; its whole body would blur that (its words are still found by BM25).
     */
    String meaning() {
        return title;
    }
}
