package io.omnicase;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** omnicase.events.paused holds after-commit work back while it is on, and only then. */
class EventPauseTest {

    private final MockEnvironment environment = new MockEnvironment();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ThreadPoolTaskExecutor executor = EventRedelivery.eventExecutor(2, 100, meters, environment);

    @AfterEach
    void stop() {
        executor.shutdown();
    }

    @Test
    void whilePausedNoListenerWorkRunsAndAfterThePauseItRunsAgain() {
        AtomicInteger ran = new AtomicInteger();
        environment.setProperty("omnicase.events.paused", "true");
        for (int i = 0; i < 5; i++) {
            executor.execute(ran::incrementAndGet);
        }
        drain();
        assertThat(ran).as("nothing ran while paused").hasValue(0);
        assertThat(meters.get("omnicase.events.paused-skips").counter().count()).isEqualTo(5);

        environment.setProperty("omnicase.events.paused", "false");
        executor.execute(ran::incrementAndGet);
        drain();

        assertThat(ran).hasValue(1);
    }

    @Test
    void byDefaultNothingIsPaused() {
        AtomicInteger ran = new AtomicInteger();
        executor.execute(ran::incrementAndGet);
        drain();
        assertThat(ran).hasValue(1);
        assertThat(io.omnicase.outbox.RuntimeSwitch.eventsPaused(environment)).isFalse();
    }

    /** Waits until every piece of work submitted so far has been taken by a thread (and run or held back). */
    private void drain() {
        var pool = executor.getThreadPoolExecutor();
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.getCompletedTaskCount() == pool.getTaskCount());
    }
}
