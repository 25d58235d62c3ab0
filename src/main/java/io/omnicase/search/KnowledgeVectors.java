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

    private record Member(String topic, TopicSource source) {
    }

    private final Map<String, Member> byId = new HashMap<>();
    private final Map<String, Map<String, TopicSource>> byTopic = new HashMap<>();
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

    /** Replaces the whole content (what the index holds now: each entry with its vector) and marks it loaded. */
    synchronized void load(Map<KnowledgeEntry, float[]> entries) {
        byId.clear();
        byTopic.clear();
        loaded = true;
        entries.forEach(this::put);
        versions.keySet().retainAll(byTopic.keySet());
        loading = false;
        pending.forEach(Runnable::run);
        pending.clear();
    }

    /** An entry written (or written again, perhaps under another topic); one without a vector is left out. */
    synchronized void put(KnowledgeEntry entry, float[] vector) {
        String id = entry.id();
        String topic = entry.topic();
        if (!loaded) {
            if (loading) {
                pending.add(() -> put(entry, vector));
            }
            return;
        }
        remove(id);
        if (topic == null || vector == null) {
            return;
        }
        TopicSource source = new TopicSource(entry.phrasing(), vector, entry.origin());
        byId.put(id, new Member(topic, source));
        byTopic.computeIfAbsent(topic, t -> new LinkedHashMap<>()).put(id, source);
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
        Map<String, TopicSource> members = byTopic.get(gone.topic());
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
        return member == null ? null : member.source().vector();
    }

    synchronized List<TopicSource> sources(String topic) {
        Map<String, TopicSource> members = byTopic.get(topic);
        return members == null ? List.of() : List.copyOf(members.values());
    }
}
