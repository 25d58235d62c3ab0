package io.omnicase.assistant;

/**
 * The knowledge folder's articles are in the knowledge index, so the assistant can answer from them: published once
 * the import at start has reached the index (at once, or when the local Elasticsearch node has come up).
 */
public record KnowledgeReady(int articlesImported) {
}
