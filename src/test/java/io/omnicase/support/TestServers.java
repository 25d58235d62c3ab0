package io.omnicase.support;

import io.omnicase.platform.EmbeddedMariaDb;
import io.omnicase.platform.ManagedElasticsearchNode;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real MariaDB server and the real Elasticsearch node of the integration tests, started once per test JVM and
 * stopped when it exits. The application under test connects to them as it connects to external servers in
 * production ({@code omnicase.platform.enabled=false}).
 */
public final class TestServers {

    private static EmbeddedMariaDb mariaDb;
    private static ManagedElasticsearchNode elasticsearch;
    private static Path work;
    private static int mariaDbPort;

    private TestServers() {
    }

    public static synchronized void start() {
        if (mariaDb != null) {
            return;
        }
        try {
            work = Path.of(System.getProperty("omnicase.test.work", "target/it-work")).toAbsolutePath();
            deleteTree(work);
            Files.createDirectories(work);
            mariaDbPort = freePort();
            mariaDb = EmbeddedMariaDb.start(work.resolve("mariadb"), mariaDbPort);
            Path distribution = Path.of(System.getProperty("omnicase.platform.elasticsearch.distribution",
                    "target/elasticsearch-dist/elasticsearch.zip")).toAbsolutePath();
            elasticsearch = new ManagedElasticsearchNode(distribution, work.resolve("elasticsearch"), freePort(), "384m");
            elasticsearch.start();
            elasticsearch.awaitReady(Duration.ofMinutes(3));
            Runtime.getRuntime().addShutdownHook(new Thread(TestServers::stopAll, "test-servers-stop"));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare the test servers", e);
        }
    }

    /** Properties that point an application context at the test servers. */
    public static Map<String, String> properties() {
        start();
        return Map.of(
                "omnicase.platform.enabled", "false",
                "spring.datasource.url", mariaDb.jdbcUrl(),
                "spring.datasource.username", "root",
                "spring.datasource.password", "",
                "spring.elasticsearch.uris", elasticsearch.url(),
                "omnicase.events.redeliver-after", "PT2S",
                "omnicase.demo-data", "true");
    }

    /** Properties as command-line arguments, which outrank application.yml (default properties would not). */
    public static String[] asArguments(Map<String, ?> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    public static void stopElasticsearch() {
        elasticsearch.stop();
    }

    public static void startElasticsearch() {
        elasticsearch.start();
        elasticsearch.awaitReady(Duration.ofMinutes(3));
    }

    /** Stops the MariaDB server and starts it again on the same data directory and port. */
    public static synchronized void restartMariaDb() {
        mariaDb.shutdown();
        mariaDb = EmbeddedMariaDb.start(work.resolve("mariadb"), mariaDbPort);
    }

    private static synchronized void stopAll() {
        if (elasticsearch != null) {
            elasticsearch.stop();
        }
        if (mariaDb != null) {
            mariaDb.shutdown();
        }
    }

    private static int freePort() throws IOException {
        while (true) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            // Elasticsearch's transport port is the HTTP port + 100.
            if (port < 65_000 && isFree(port + 100)) {
                return port;
            }
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Points a Spring test context at the test servers. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(properties()).applyTo(context.getEnvironment());
        }
    }
}
