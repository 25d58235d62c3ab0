package io.omnicase.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * After-commit history work: its future completes as the work's own future does, on a completion thread (where the
 * publication registry then deletes the publication), and fails at once, without running the work, when it cannot
 * be done now.
 */
class HistoryWorkTest {

    private final ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
    private final MockEnvironment environment = new MockEnvironment();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final UnreachableNode node = new UnreachableNode();
    private final GuardedTransport breaker = new GuardedTransport(node, Duration.ofMinutes(5), Clock.systemUTC());
    private final AtomicInteger ran = new AtomicInteger();
    private HistoryWork work;

    private HistoryWork work(int threads, int queue) {
        pool.setCorePoolSize(threads);
        pool.setMaxPoolSize(threads);
        pool.setQueueCapacity(queue);
        pool.initialize();
        work = new HistoryWork(pool, environment, new ElasticsearchClient(breaker), 1, Duration.ofSeconds(10), meters);
        return work;
    }

    @AfterEach
    void stop() {
        pool.shutdown();
        if (work != null) {
            work.stop();
        }
    }

    @Test
    void theFutureCompletesWhenTheWorksFutureDoesOnACompletionThread() throws Exception {
        CompletableFuture<Void> written = new CompletableFuture<>();
        CompletableFuture<Void> done = work(1, 10).afterCommit("entry 1", () -> {
            ran.incrementAndGet();
            return written;
        });
        AtomicReference<String> completedOn = new AtomicReference<>();
        CompletableFuture<Void> registered = done.thenRun(() -> completedOn.set(Thread.currentThread().getName()));

        awaitRuns(1);
        assertThat(done).as("not done before the node answered").isNotDone();
        written.complete(null); // as the bulk writer's thread does
        registered.get(5, TimeUnit.SECONDS);
        assertThat(completedOn.get()).startsWith("history-done-");
    }

    @Test
    void aFailureOfTheWriteFailsTheFutureSoThePublicationStaysForRedelivery() {
        CompletableFuture<Void> done = work(1, 10).afterCommit("entry 2",
                () -> CompletableFuture.failedFuture(new IOException("The node refused document 2")));
        assertThatThrownBy(() -> done.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("refused document 2");
    }

    @Test
    void whileTheBreakerIsOpenTheWorkFailsAtOnceWithoutRunning() {
        HistoryWork history = work(1, 10);
        assertThatThrownBy(() -> breaker.performRequest("request", null, null)).isInstanceOf(IOException.class);

        CompletableFuture<Void> done = history.afterCommit("entry 3", () -> {
            ran.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });
        assertThat(done).isCompletedExceptionally();
        assertThat(ran).hasValue(0);
    }

    @Test
    void whilePausedTheWorkFailsAtOnceWithoutRunning() {
        environment.setProperty("omnicase.events.paused", "true");
        CompletableFuture<Void> done = work(1, 10).afterCommit("entry 4", () -> {
            ran.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });
        assertThat(done).isCompletedExceptionally();
        assertThat(ran).hasValue(0);
    }

    @Test
    void workThatDoesNotFitThePoolFailsAtOnceAndIsCounted() throws Exception {
        HistoryWork history = work(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        history.afterCommit("busy", () -> {
            ran.incrementAndGet();
            release.await();
            return CompletableFuture.completedFuture(null);
        });
        awaitRuns(1);
        CompletableFuture<Void> queued = history.afterCommit("queued", () -> CompletableFuture.completedFuture(null));

        CompletableFuture<Void> refused = history.afterCommit("entry 5", () -> CompletableFuture.completedFuture(null));
        assertThat(refused).isCompletedExceptionally();
        assertThat(meters.get("omnicase.events.deferred").counter().count()).isEqualTo(1.0);

        release.countDown();
        queued.get(5, TimeUnit.SECONDS);
    }

    private void awaitRuns(int runs) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() >= runs);
    }

    /** The transport to a node that cannot be reached: every call fails, which opens the breaker around it. */
    private static final class UnreachableNode extends StandInTransport {
        @Override
        public <RequestT, ResponseT, ErrorT> ResponseT performRequest(RequestT request,
                Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) throws IOException {
            throw new IOException("Connection refused");
        }
    }
}
