package io.omnicase.search;

/**
 * A knowledge entry that matched a question.
 *
 * @param score      its fused rank score (reciprocal rank fusion of BM25 and vector similarity); orders the matches
 * @param similarity cosine similarity of the entry's meaning and the question's, -1..1: comparable between questions
 */
public record KnowledgeMatch(KnowledgeEntry entry, double score, double similarity) {
}
