package io.omnicase.search;

/**
 * One source of a topic as the assistant's topic model reads it: its unit-length meaning vector and which phrasing
 * group it belongs to ({@link KnowledgeEntry#phrasing()}).
 */
public record TopicSource(String phrasing, float[] vector) {
}
