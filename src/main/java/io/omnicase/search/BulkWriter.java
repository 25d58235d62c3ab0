package io.omnicase.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes documents of one index through the bulk API with a short linger: a write waits until a batch of
 * {@code maxBatch} documents is together or {@code linger} has passed since the first one of the batch, whichever comes
 * first; one thread sends the batches one after the other, so documents that arrive while a batch is on its way form
 * the next one. Each write is answered by its own future: done when the node took that document, failed (with the
 * node's reason) when it refused that document or the whole batch could not be sent. A document's id is its key, so
 * a write delivered twice leaves one document, and two writes of one id in a batch send only the later. Calls go
 * through the client's circuit breaker ({@link GuardedTransport}): an unreachable node fails a batch at once.
 */
final class BulkWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BulkWriter.class);

    private record Write(String id, Object document, CompletableFuture<Void> done) {
    }

    private final ElasticsearchClient client;
    private final String index;
    private final int maxBatch;
    private final long lingerNanos;
    private final BlockingQueue<Write> waiting;
    private final Thread sender;
    private final Counter refused;
    private final DistributionSummary batches;
    private volatile boolean open = true;

    BulkWriter(ElasticsearchClient client, String index, int maxBatch, Duration linger, int capacity, Duration timeout,
               MeterRegistry meters) {
        this.client = withSocketTimeout(client, timeout);
        this.index = index;
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        this.waiting = new ArrayBlockingQueue<>(capacity);
        this.refused = Counter.builder("omnicase.history.bulk.refused").tag("index", index)
                .description("Documents the bulk writer could not write (node unreachable, document refused, queue full)")
                .register(meters);
        this.batches = DistributionSummary.builder("omnicase.history.bulk.batch").tag("index", index)
                .description("Documents per bulk request").register(meters);
        this.sender = new Thread(this::send, "bulk-" + index);
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /**
     * The client with a socket timeout of its own for bulk requests: a batch of a few hundred documents with vectors
     * can take the busy node longer than the client's default (3 s, chosen so that a hung node costs a search little);
     * so can the status round's refresh ({@link StatusSync}).
     * Under load, batches that timed out at 3 s opened the breaker for everyone and their entries waited for redelivery
     * (issue 18, bench/ingest phase (c)).
     */
    static ElasticsearchClient withSocketTimeout(ElasticsearchClient client, Duration timeout) {
        co.elastic.clients.transport.TransportOptions options = client._transportOptions() != null
                ? client._transportOptions() : client._transport().options();
        if (!(options instanceof co.elastic.clients.transport.rest_client.RestClientOptions rest)) {
            return client;
        }
        co.elastic.clients.transport.rest_client.RestClientOptions.Builder builder = rest.toBuilder();
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        builder.restClientRequestOptionsBuilder().setRequestConfig(org.apache.http.client.config.RequestConfig.custom()
                .setConnectTimeout(Math.min(2_000, millis)).setSocketTimeout(millis).build());
        return client.withTransportOptions(builder.build());
    }

    /** Queues the document for the next batch; the future tells when the node has it. */
    CompletableFuture<Void> write(String id, Object document) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!open) {
            done.completeExceptionally(new IOException("The bulk writer of " + index + " is closed"));
        } else if (!waiting.offer(new Write(id, document, done))) {
            refused.increment();
            done.completeExceptionally(new IOException("The bulk writer of " + index + " has "
                    + waiting.size() + " documents waiting; this one is written later"));
        }
        return done;
    }

    private void send() {
        List<Write> batch = new ArrayList<>(maxBatch);
        while (open) {
            try {
                Write first = waiting.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long until = System.nanoTime() + lingerNanos;
                while (batch.size() < maxBatch) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        waiting.drainTo(batch, maxBatch - batch.size());
                        break;
                    }
                    Write next = waiting.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                flush(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                fail(batch, e);
            } finally {
                batch.clear();
            }
        }
        List<Write> left = new ArrayList<>();
        waiting.drainTo(left);
        fail(left, new IOException("The bulk writer of " + index + " stopped"));
    }

    private void flush(List<Write> batch) {
        // The later of two writes of one document wins; both are answered by the one that is sent.
        Map<String, Write> latest = new LinkedHashMap<>();
        Map<String, List<Write>> byId = new LinkedHashMap<>();
        for (Write write : batch) {
            latest.remove(write.id());
            latest.put(write.id(), write);
            byId.computeIfAbsent(write.id(), id -> new ArrayList<>()).add(write);
        }
        batches.record(latest.size());
        BulkResponse response;
        try {
            response = client.bulk(b -> {
                latest.values().forEach(w -> b.operations(o -> o.index(i -> i.index(index).id(w.id()).document(w.document()))));
                return b;
            });
        } catch (IOException | RuntimeException e) {
            fail(batch, e);
            return;
        }
        for (BulkResponseItem item : response.items()) {
            List<Write> writes = byId.getOrDefault(item.id(), List.of());
            if (item.error() == null) {
                writes.forEach(w -> w.done().complete(null));
            } else {
                refused.increment(writes.size());
                IOException refusal = new IOException("The node refused document " + item.id() + " of " + index + ": "
                        + item.error().reason());
                writes.forEach(w -> w.done().completeExceptionally(refusal));
            }
        }
        // Anything the response did not name (it names every item) is not known to be written.
        batch.stream().filter(w -> !w.done().isDone())
                .forEach(w -> w.done().completeExceptionally(new IOException("No answer for document " + w.id())));
    }

    private void fail(List<Write> writes, Exception cause) {
        if (!writes.isEmpty()) {
            log.debug("{} documents of {} are not written now: {}", writes.size(), index, cause.toString());
            refused.increment(writes.size());
        }
        for (Write write : writes) {
            write.done().completeExceptionally(cause);
        }
    }

    /** Stops the sender; what waits is answered as not written (its events are delivered again). */
    @Override
    public void close() {
        open = false;
        sender.interrupt();
    }
}
