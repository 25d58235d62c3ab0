package io.omnicase.demo;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo cases wait for the assistant's knowledge: made before it, the demo's own account question was handed to a
 * person ("I am not sure I can answer this correctly") on every first start of the default run.
 */
class OnceKnowledgeReadyTest {

    private final OnceKnowledgeReady gate = new OnceKnowledgeReady();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void theWorkWaitsForTheKnowledgeAndRunsOnceOnTheThreadThatReportsIt() {
        gate.schedule(() -> ran.add(Thread.currentThread().getName()), Duration.ofMinutes(3));
        assertThat(ran).isEmpty();

        gate.ready();
        gate.ready();

        assertThat(ran).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void withoutTheKnowledgeTheWorkRunsOnceTheWaitIsOver() {
        gate.schedule(() -> ran.add(Thread.currentThread().getName()), Duration.ofMillis(200));

        await().atMost(Duration.ofSeconds(10)).until(() -> !ran.isEmpty());
        gate.ready();

        assertThat(ran).containsExactly("demo-cases");
    }

    @Test
    void knowledgeReadyWhenNothingWaitsDoesNothing() {
        gate.ready();

        assertThat(ran).isEmpty();
    }

    @Test
    void knowledgeReadyBeforeTheWorkIsScheduledStillRunsItOnce() {
        gate.ready();
        gate.schedule(() -> ran.add(Thread.currentThread().getName()), Duration.ofMinutes(3));

        await().atMost(Duration.ofSeconds(10)).until(() -> !ran.isEmpty());
        assertThat(ran).containsExactly("demo-cases");
    }
}
