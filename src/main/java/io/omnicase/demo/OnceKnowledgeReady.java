package io.omnicase.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Work that waits for the assistant's knowledge: it runs once, on the thread that reports the knowledge ready, or on a
 * thread of its own when the wait is over without it.
 */
final class OnceKnowledgeReady {

    private static final Logger log = LoggerFactory.getLogger(OnceKnowledgeReady.class);

    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicReference<Runnable> due = new AtomicReference<>();

    /** Runs {@code work} when {@link #ready()} is called, or after {@code wait} without it. */
    void schedule(Runnable work, Duration wait) {
        due.set(work);
        Thread fallback = new Thread(() -> {
            try {
                if (!ready.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("The assistant's knowledge is not in its index after {}; the demo's questions are asked anyway", wait);
                }
                // Also when the knowledge was ready before the work was scheduled (then nothing else runs it).
                runDue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-cases");
        fallback.setDaemon(true);
        fallback.start();
    }

    /** The knowledge is ready: the scheduled work, if any, runs now on this thread. */
    void ready() {
        // The work first, then the latch: the waiting thread must not take it and run it elsewhere.
        runDue();
        ready.countDown();
    }

    private void runDue() {
        Runnable work = due.getAndSet(null);
        if (work != null) {
            work.run();
        }
    }
}
