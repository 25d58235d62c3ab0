package io.omnicase.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Completed event publications deleted together. Spring Modulith (completion mode {@code delete}) deletes each
 * completed publication in a transaction of its own: about nine per customer message, each a commit flushed to disk
 * and four statements (autocommit off, the delete, the commit, autocommit on), a third of MariaDB's statements in the
 * after-commit work (issue 18). Here a completion is queued and the queue is deleted in one statement: the worker
 * looks at the queue once a second (at once when {@link #MAX_BATCH} are queued), then lets it gather for
 * {@code omnicase.events.completion-linger} (20 ms) more. A completion reaches the table within about a second,
 * far inside {@code omnicase.events.redeliver-after} (30 s).
 * <p>
 * Nothing is lost by the wait: a completion that never reaches the table (the node dies within the linger, MariaDB is
 * away) leaves its publication incomplete, and it is delivered again later, as after any crash; every listener's
 * effect is idempotent by message id ({@code EveryEventTwiceIT}). The queue is written before any incomplete
 * publication is read ({@link BatchedEventPublications}), and when the node stops.
 */
@Component
class CompletionBatch implements SmartLifecycle {

    /** Most ids in one DELETE. */
    static final int MAX_BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(CompletionBatch.class);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final JdbcTemplate jdbc;
    private final long lingerMillis;
    private final List<String> queued = new ArrayList<>();
    private final Object writing = new Object();
    private volatile boolean running;
    private Thread worker;

    CompletionBatch(DataSource dataSource, @Value("${omnicase.events.completion-linger:PT0.02S}") Duration linger) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.lingerMillis = Math.max(0, linger.toMillis());
    }

    /** Queues a completed publication's deletion; at once (on the caller's thread) when the batch is not running. */
    void completed(String id) {
        synchronized (queued) {
            if (running) {
                queued.add(id);
                if (queued.size() >= MAX_BATCH) {
                    queued.notifyAll();
                }
                return;
            }
        }
        delete(List.of(id));
    }

    /**
     * Deletes everything queued now, on the caller's thread, after a batch the worker is writing; what fails stays
     * queued. On return every completion queued before the call is in the table.
     */
    void flush() {
        synchronized (writing) {
            List<String> batch = take();
            if (!batch.isEmpty()) {
                try {
                    delete(batch);
                } catch (RuntimeException e) {
                    requeue(batch);
                    throw e;
                }
            }
        }
    }

    int queued() {
        synchronized (queued) {
            return queued.size();
        }
    }

    private List<String> take() {
        synchronized (queued) {
            List<String> batch = new ArrayList<>(queued);
            queued.clear();
            return batch;
        }
    }

    private void requeue(List<String> batch) {
        synchronized (queued) {
            queued.addAll(0, batch);
        }
    }

    private void delete(List<String> ids) {
        for (int from = 0; from < ids.size(); from += MAX_BATCH) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_BATCH));
            // One statement: atomic on its own, no transaction around it. Only incomplete publications are completed
            // here; parked rows (stored complete) are never in the queue.
            jdbc.update("DELETE FROM EVENT_PUBLICATION WHERE ID IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ") AND COMPLETION_DATE IS NULL",
                    chunk.toArray());
        }
    }

    private void work() {
        long backoff = 0;
        while (running || queued() > 0) {
            try {
                synchronized (queued) {
                    while (running && queued.isEmpty()) {
                        queued.wait(1_000);
                    }
                }
                if (running) {
                    Thread.sleep(backoff > 0 ? backoff : lingerMillis); // lets the batch gather
                }
                flush();
                backoff = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (PessimisticLockingFailureException e) {
                // A deadlock or lock wait with a transaction writing publications at the same moment: MariaDB rolled
                // the statement back, the batch is queued again and deleted on the next round. Expected under load,
                // nothing lost: no warning (bench/ingest's end-to-end phase saw three in 12,000 messages).
                backoff = 100;
                log.debug("Deleting {} completed event publications met a concurrent writer; trying again", queued(), e);
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                // MariaDB away: the completions wait here (and their publications stay incomplete, as after a crash).
                backoff = backoff == 0 ? 100 : Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                if (backoff == 100) {
                    log.warn("Could not delete {} completed event publications; trying again: {}", queued(), e.toString());
                }
                if (!running) {
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        synchronized (queued) {
            running = true;
        }
        worker = new Thread(this::work, "event-completions");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        synchronized (queued) {
            running = false;
            queued.notifyAll();
        }
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops late, after the listeners whose completions it holds (a lower phase stops later). */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1_000;
    }
}
