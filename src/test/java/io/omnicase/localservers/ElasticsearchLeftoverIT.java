package io.omnicase.localservers;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A default run killed with -9 leaves its Elasticsearch node running. The next run on the same home takes that node
 * over (same process, its data, at once) instead of stopping it and starting a new one, and stops it when it stops.
 */
class ElasticsearchLeftoverIT {

    @Test
    void theNodeAKilledRunLeftIsAdoptedAndStoppedWithTheNextRun() throws Exception {
        Path home = Path.of("target", "es-leftover-" + System.nanoTime()).toAbsolutePath();
        Path distribution = Path.of(System.getProperty("omnicase.platform.elasticsearch.distribution",
                "target/elasticsearch-dist/elasticsearch.zip")).toAbsolutePath();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ManagedElasticsearchNode killedRun = new ManagedElasticsearchNode(distribution, home, port, "256m");
        killedRun.start();
        killedRun.awaitReady(Duration.ofMinutes(3));
        long pid = Long.parseLong(Files.readString(home.resolve("elasticsearch.pid")).trim());
        ProcessHandle node = ProcessHandle.of(pid).orElseThrow();

        // The run that started it is gone without stopping it; the next run starts on the same home.
        ManagedElasticsearchNode nextRun = new ManagedElasticsearchNode(distribution, home, port, "256m");
        try {
            nextRun.start();
            nextRun.awaitReady(Duration.ofSeconds(10));

            assertThat(node.isAlive()).as("the leftover node keeps running").isTrue();
            assertThat(nextRun.isRunning()).isTrue();
            assertThat(nextRun.processes()).contains(node);
            assertThat(Files.readString(home.resolve("elasticsearch.pid")).trim()).isEqualTo(Long.toString(pid));
        } finally {
            nextRun.stop();
            killedRun.stop();
        }
        assertThat(node.isAlive()).as("stopped with the run that adopted it").isFalse();
    }
}
