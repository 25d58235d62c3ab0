package io.omnicase.support;

import ch.vorburger.exec.ManagedProcessException;
import io.omnicase.localservers.EmbeddedMariaDb;
import io.omnicase.localservers.ManagedElasticsearchNode;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The real MariaDB server and the real Elasticsearch node of the integration tests, started once per test JVM and
 * stopped when it exits, after the application contexts that use them are closed. The application under test connects
 * to them as it connects to external servers in production ({@code omnicase.platform.enabled=false}).
 */
public final class TestServers {

    private static EmbeddedMariaDb mariaDb;
    private static ManagedElasticsearchNode elasticsearch;
    private static Path work;
    private static int mariaDbPort;
    /** The test contexts pointed at the servers, closed before the servers stop. */
    private static final List<ConfigurableApplicationContext> CONTEXTS = new CopyOnWriteArrayList<>();

    private static final String MODULE_DATABASE = "omnicase_modules";

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
        return Map.ofEntries(Map.entry("omnicase.platform.enabled", "false"),
                Map.entry("spring.datasource.url", mariaDb.jdbcUrl()),
                Map.entry("spring.datasource.username", "root"),
                Map.entry("spring.datasource.password", ""),
                Map.entry("spring.elasticsearch.uris", elasticsearch.url()),
                Map.entry("omnicase.events.redeliver-after", "PT2S"),
                Map.entry("omnicase.events.redeliver-every", "PT2S"),
                // A reply the provider cannot take is tried again within seconds, not minutes, in tests.
                Map.entry("omnicase.channels.outbound.first-pause", "PT1S"),
                Map.entry("omnicase.channels.outbound.max-pause", "PT2S"),
                Map.entry("omnicase.demo-data", "true"),
                // Every test's chat visitor comes from 127.0.0.1: the per-address bound would refuse the suite's visitors.
                Map.entry("omnicase.channels.chat.new-visitors-per-address-per-hour", "100000"),
                Map.entry("omnicase.channels.chat.codes-per-address-per-hour", "100000"),
                // The worked demo cases are played by DemoHistoryIT, not in the background of every test.
                Map.entry("omnicase.demo-history", "false"));
    }

    /**
     * Properties for a Spring Modulith module test ({@code @ApplicationModuleTest}): the test servers, but a database of
     * its own, so that the module's context neither sees nor takes the running application's data, jobs and event
     * publications; and no process engine, REST API or webapps, which belong to the {@code process} module and would
     * otherwise start from their auto-configuration in every module's context (and share the JVM-wide engine registry
     * and webapp state with the running application's).
     */
    public static Map<String, String> moduleProperties() {
        start();
        try {
            mariaDb.run("CREATE DATABASE IF NOT EXISTS " + MODULE_DATABASE
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Cannot create the module tests' database", e);
        }
        return Map.of(
                "omnicase.platform.enabled", "false",
                "spring.datasource.url", "jdbc:mariadb://127.0.0.1:" + mariaDbPort + "/" + MODULE_DATABASE,
                "spring.datasource.username", "root",
                "spring.datasource.password", "",
                "spring.elasticsearch.uris", elasticsearch.url(),
                "spring.autoconfigure.exclude", String.join(",",
                        "org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration",
                        "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration",
                        "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration"));
    }

    /** Properties as command-line arguments, which outrank application.yml (default properties would not). */
    public static String[] asArguments(Map<String, ?> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    public static void stopElasticsearch() {
        elasticsearch.stop();
    }

    /** Freezes the node (SIGSTOP to its processes): it keeps its port open and answers nothing, as a hung node does. */
    public static void suspendElasticsearch() {
        signalElasticsearch("STOP");
    }

    public static void resumeElasticsearch() {
        signalElasticsearch("CONT");
    }

    private static void signalElasticsearch(String signal) {
        for (ProcessHandle handle : elasticsearch.processes()) {
            try {
                new ProcessBuilder("kill", "-" + signal, Long.toString(handle.pid())).inheritIO().start().waitFor();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public static void startElasticsearch() {
        elasticsearch.start();
        elasticsearch.awaitReady(Duration.ofMinutes(3));
    }

    /** Stops the MariaDB server: the application loses its database until {@link #startMariaDb()}. */
    public static synchronized void stopMariaDb() {
        mariaDb.shutdown();
    }

    /** Starts the MariaDB server again on the same data directory and port. */
    public static synchronized void startMariaDb() {
        mariaDb = EmbeddedMariaDb.start(work.resolve("mariadb"), mariaDbPort);
    }

    /** Stops the MariaDB server and starts it again on the same data directory and port. */
    public static synchronized void restartMariaDb() {
        mariaDb.shutdown();
        mariaDb = EmbeddedMariaDb.start(work.resolve("mariadb"), mariaDbPort);
    }

    /**
     * The JVM runs its shutdown hooks at once: Spring Boot's closes the contexts while this one stops the servers. A
     * context that still runs polls the servers it lost (job executor, rule poller, connection pool) and its shutdown
     * waits on them; so the contexts are closed, and awaited, first.
     */
    private static synchronized void stopAll() {
        List<ConfigurableApplicationContext> newestFirst = new ArrayList<>(CONTEXTS);
        Collections.reverse(newestFirst);
        for (ConfigurableApplicationContext context : newestFirst) {
            context.close();
            // close() returns at once when Spring's own hook is closing the context already: wait until it is done.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> !context.isActive());
        }
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
            CONTEXTS.add(context);
        }
    }

    /** Points a Spring Modulith module test's context at the test servers and its own database ({@link #moduleProperties()}). */
    public static class ModuleInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(moduleProperties()).applyTo(context.getEnvironment());
            CONTEXTS.add(context);
        }
    }
}
