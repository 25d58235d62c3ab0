package io.omnicase.search;

/** A knowledge entry that matched a question, with its relevance score (BM25 and more-like-this combined). */
public record KnowledgeMatch(KnowledgeEntry entry, double score) {
}
