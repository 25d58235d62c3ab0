package io.omnicase.search;

/**
 * One source of a topic as the assistant's topic model reads it: its unit-length meaning vector, which phrasing
 * group it belongs to ({@link KnowledgeEntry#phrasing()}) and where it came from ({@link KnowledgeEntry#origin()}:
 * the model leaves out what an agent taught and nobody reviewed).
 */
public record TopicSource(String phrasing, float[] vector, String origin) {

    public TopicSource(String phrasing, float[] vector) {
        this(phrasing, vector, null);
    }

    /** An example an agent taught and no supervisor reviewed ({@link KnowledgeScope#UNREVIEWED}). */
    public boolean unreviewed() {
        return KnowledgeScope.UNREVIEWED.equals(origin);
    }
}
