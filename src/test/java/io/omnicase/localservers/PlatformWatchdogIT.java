package io.omnicase.localservers;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The default run's watchdog starts a MariaDB server again that was killed (kill -9, as a crash), with what it had
 * committed; a server stopped on purpose stays stopped.
 */
class PlatformWatchdogIT {

    @Test
    void aKilledMariaDbServerIsStartedAgainWithItsDataAndAStoppedOneIsLeftAlone() throws Exception {
        Path home = Path.of("target", "watchdog-" + System.nanoTime()).toAbsolutePath();
        int port = freePort();
        EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(home, port);
        ManagedElasticsearchNode noNode = new ManagedElasticsearchNode(home.resolve("none.zip"), home.resolve("es"), 1, "64m");
        PlatformWatchdog watchdog = new PlatformWatchdog(mariaDb, noNode);
        try {
            sql(port, "CREATE TABLE kept (word VARCHAR(20))", "INSERT INTO kept VALUES ('committed')");

            kill9(mariaDb.dataDir());
            await().atMost(Duration.ofSeconds(10)).until(mariaDb::hasDied);
            watchdog.restartWhatDied();

            assertThat(mariaDb.hasDied()).isFalse();
            assertCommittedRowKept(port);

            mariaDb.shutdown();
            assertThat(mariaDb.hasDied()).isFalse();
            watchdog.restartWhatDied();
            assertThat(isListening(port)).isFalse();
        } finally {
            mariaDb.shutdown();
        }
    }

    /**
     * kill -9 of the app leaves its MariaDB server running (a child whose parent died). The next start took it down
     * (a clean shutdown flushes every dirty page) and started it again cold: seconds more before the app answered, and a
     * cold buffer pool for the backlog after it (issue 18, the fault suite's kill -9 rows). Now the next start takes the
     * running server over, and stops it when it stops.
     */
    @Test
    void theServerAKilledRunLeftRunningIsTakenOverWithItsDataAndStoppedWithTheApp() throws Exception {
        Path home = Path.of("target", "adopt-" + System.nanoTime()).toAbsolutePath();
        int port = freePort();
        EmbeddedMariaDb killedRun = EmbeddedMariaDb.start(home, port);
        long pid = killedRun.pid();
        try {
            sql(port, "CREATE TABLE kept (word VARCHAR(20))", "INSERT INTO kept VALUES ('committed')");

            // The run that started the server ends without stopping it, as kill -9 does; the next run starts.
            EmbeddedMariaDb next = EmbeddedMariaDb.start(home, port);
            assertThat(next.pid()).as("the same server process").isEqualTo(pid);
            assertThat(next.hasDied()).isFalse();
            assertCommittedRowKept(port);

            next.shutdown();
            assertThat(isListening(port)).isFalse();
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        } finally {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().join();
            });
        }
    }

    private static void kill9(Path dataDir) throws Exception {
        List<Path> pidFiles;
        try (Stream<Path> files = Files.list(dataDir)) {
            pidFiles = files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList();
        }
        assertThat(pidFiles).hasSize(1);
        long pid = Long.parseLong(Files.readString(pidFiles.get(0)).trim());
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        server.destroyForcibly();
        server.onExit().get();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private static void assertCommittedRowKept(int port) throws Exception {
        try (Connection connection = DriverManager.getConnection(url(port), "root", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT word FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("committed");
        }
    }

    private static void sql(int port, String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection(url(port), "root", "");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static boolean isListening(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String url(int port) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/omnicase";
    }
}
