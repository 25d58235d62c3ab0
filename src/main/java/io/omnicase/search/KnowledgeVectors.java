package io.omnicase.search;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The knowledge index's vectors by topic, kept in memory beside it: what the assistant's per-topic model is built
 * from. Every write and removal of the index goes through here as well, and each topic carries a version that grows
 * when its members change, so a reader rebuilds only the topics that changed. Thread-safe.
 */
final class KnowledgeVectors {

    private record Member(String topic, float[] vector) {
    }

    private final Map<String, Member> byId = new HashMap<>();
    private final Map<String, Map<String, float[]>> byTopic = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    /** Writes and removals seen while the content was being read from the index, applied after it. */
    private final List<Runnable> pending = new java.util.ArrayList<>();
    private long clock;
    private boolean loaded;
    private boolean loading;

    synchronized boolean loaded() {
        return loaded;
    }

    /** Reading the content from the index begins: changes from now on are kept and applied after it. */
    synchronized void loading() {
        loading = true;
    }

    /** Replaces the whole content (what the index holds now) and marks it loaded. */
    synchronized void load(Map<String, String> topics, Map<String, float[]> vectors) {
        byId.clear();
        byTopic.clear();
        loaded = true;
        topics.forEach((id, topic) -> put(id, topic, vectors.get(id)));
        versions.keySet().retainAll(byTopic.keySet());
        loading = false;
        pending.forEach(Runnable::run);
        pending.clear();
    }

    /** An entry written (or written again, perhaps under another topic); one without a vector is left out. */
    synchronized void put(String id, String topic, float[] vector) {
        if (!loaded) {
            if (loading) {
                pending.add(() -> put(id, topic, vector));
            }
            return;
        }
        remove(id);
        if (topic == null || vector == null) {
            return;
        }
        byId.put(id, new Member(topic, vector));
        byTopic.computeIfAbsent(topic, t -> new LinkedHashMap<>()).put(id, vector);
        versions.put(topic, ++clock);
    }

    synchronized void remove(String id) {
        if (!loaded) {
            if (loading) {
                pending.add(() -> remove(id));
            }
            return;
        }
        Member gone = byId.remove(id);
        if (gone == null) {
            return;
        }
        Map<String, float[]> members = byTopic.get(gone.topic());
        members.remove(id);
        if (members.isEmpty()) {
            byTopic.remove(gone.topic());
            versions.remove(gone.topic());
        } else {
            versions.put(gone.topic(), ++clock);
        }
    }

    /** Each topic with the version of its members: changes whenever one of them does. */
    synchronized Map<String, Long> versions() {
        return Map.copyOf(versions);
    }

    /** The vector of one entry, or null when it has none or the content is not loaded (yet). */
    synchronized float[] vector(String id) {
        Member member = byId.get(id);
        return member == null ? null : member.vector();
    }

    synchronized List<float[]> vectors(String topic) {
        Map<String, float[]> members = byTopic.get(topic);
        return members == null ? List.of() : List.copyOf(members.values());
    }
}
