package io.omnicase.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Gives the earlier entries of cases whose status changed their case's current status, for many cases at once: the
 * cases that changed within one round ({@code every}) share one refresh, one search for the entries that hold another
 * status and one bulk update, where each change used to cost a refresh of its own (a refresh makes a new segment, and
 * under load the node spent its time on them). The status is read when the round runs, so changes handled out of order
 * still leave the case's latest one. The node has no update-by-query (no scripting), hence search and bulk.
 */
final class StatusSync implements AutoCloseable {

    private static final int PAGE = 5_000;
    private static final int MAX_PAGES = 20;

    /** An entry's case, as fetched for an update. */
    record CaseOfEntry(Long caseId) {
    }

    private final ElasticsearchClient client;
    private final String index;
    private final Function<Long, String> currentStatus;
    private final long everyMillis;
    private final Map<Long, List<CompletableFuture<Void>>> pending = new HashMap<>();
    private final Thread worker;
    private volatile boolean open = true;

    StatusSync(ElasticsearchClient client, String index, Function<Long, String> currentStatus, Duration every) {
        this.client = client;
        this.index = index;
        this.currentStatus = currentStatus;
        this.everyMillis = Math.max(1, every.toMillis());
        this.worker = new Thread(this::work, "status-sync-" + index);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Asks for the case's entries to be given its current status in the next round; done when they have it. */
    CompletableFuture<Void> restatus(long caseId) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (pending) {
            if (!open) {
                done.completeExceptionally(new IOException("The status sync of " + index + " is closed"));
                return done;
            }
            pending.computeIfAbsent(caseId, id -> new ArrayList<>()).add(done);
            pending.notifyAll();
        }
        return done;
    }

    private void work() {
        while (open) {
            Map<Long, List<CompletableFuture<Void>>> round;
            try {
                synchronized (pending) {
                    while (pending.isEmpty() && open) {
                        pending.wait(1000);
                    }
                }
                TimeUnit.MILLISECONDS.sleep(everyMillis); // let the round gather the changes of its moment
                synchronized (pending) {
                    round = new HashMap<>(pending);
                    pending.clear();
                }
            } catch (InterruptedException e) {
                break;
            }
            try {
                run(round.keySet());
                round.values().forEach(futures -> futures.forEach(f -> f.complete(null)));
            } catch (IOException | RuntimeException e) {
                round.values().forEach(futures -> futures.forEach(f -> f.completeExceptionally(e)));
            }
        }
        synchronized (pending) {
            pending.values().forEach(futures -> futures.forEach(f ->
                    f.completeExceptionally(new IOException("The status sync of " + index + " stopped"))));
            pending.clear();
        }
    }

    private void run(java.util.Collection<Long> caseIds) throws IOException {
        Map<Long, String> statuses = new HashMap<>();
        for (Long caseId : caseIds) {
            String status = currentStatus.apply(caseId);
            if (status != null) {
                statuses.put(caseId, status);
            }
        }
        if (statuses.isEmpty()) {
            return;
        }
        List<Query> stale = new ArrayList<>();
        statuses.forEach((caseId, status) -> stale.add(Query.of(q -> q.bool(b -> b
                .filter(f -> f.term(t -> t.field("caseId").value(caseId)))
                .mustNot(m -> m.term(t -> t.field("caseStatus").value(status)))))));
        for (int page = 0; page < MAX_PAGES; page++) {
            // A refresh first, so entries written a moment ago are found.
            client.indices().refresh(r -> r.index(index));
            SearchResponse<CaseOfEntry> found = client.search(s -> s.index(index).size(PAGE)
                    .source(src -> src.filter(f -> f.includes("caseId")))
                    .query(q -> q.bool(b -> b.should(stale).minimumShouldMatch("1"))), CaseOfEntry.class);
            List<Hit<CaseOfEntry>> hits = found.hits().hits();
            if (hits.isEmpty()) {
                return;
            }
            BulkResponse bulk = client.bulk(b -> {
                for (Hit<CaseOfEntry> hit : hits) {
                    String status = hit.source() == null ? null : statuses.get(hit.source().caseId());
                    if (status != null) {
                        b.operations(o -> o.update(u -> u.index(index).id(hit.id()).action(a -> a.doc(Map.of("caseStatus", status)))));
                    }
                }
                return b;
            });
            if (bulk.errors()) {
                throw new IOException("The history index did not take the case status on every entry of " + statuses.keySet());
            }
            if (hits.size() < PAGE) {
                return;
            }
        }
    }

    @Override
    public void close() {
        synchronized (pending) {
            open = false;
            pending.notifyAll();
        }
        worker.interrupt();
    }
}
