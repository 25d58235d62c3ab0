package io.omnicase.localservers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Elasticsearch node, unpacked from the distribution zip that the build takes from Maven Central and run as a
 * child process. Elasticsearch refuses to run as root, so under root it runs as an unprivileged user via setpriv.
 */
public final class ManagedElasticsearchNode {

    private static final Logger log = LoggerFactory.getLogger(ManagedElasticsearchNode.class);
    private static final int UNPRIVILEGED_ID = 65534;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path distribution;
    private final Path home;
    private final int httpPort;
    private final String heap;
    /** The launcher this object started, or the node a killed run left running and this one adopted. */
    private ProcessHandle process;
    /** Whether the node should run: set by start, cleared by stop, so a watchdog restarts a crash and nothing else. */
    private boolean wanted;

    public ManagedElasticsearchNode(Path distribution, Path home, int httpPort, String heap) {
        this.distribution = distribution;
        this.home = home;
        this.httpPort = httpPort;
        this.heap = heap;
    }

    /** Starts the node without waiting for it; {@link #awaitReady(Duration)} waits. */
    public synchronized void start() {
        wanted = true;
        if (isRunning()) {
            return;
        }
        try {
            Path installation = install();
            Path data = Files.createDirectories(home.resolve("data"));
            Path logs = Files.createDirectories(home.resolve("logs"));
            Path userHome = Files.createDirectories(home.resolve("home"));
            Path pidFile = home.resolve("elasticsearch.pid");
            Optional<ProcessHandle> leftover = leftover(pidFile);
            if (leftover.filter(node -> isOwnNode(node, installation) && answers()).isPresent()) {
                // A JVM killed with -9 (or crashed) leaves its node running, with its data and its port: taking it over
                // instead of stopping and starting it again saves the node's shutdown and start (30-60 s on two busy
                // cores) and makes the search answer as soon as the application does (issue 18, faults).
                process = leftover.get();
                log.info("Elasticsearch node left running by an earlier run adopted (pid {}, http://127.0.0.1:{})",
                        process.pid(), httpPort);
                return;
            }
            // Anything else left there would hold the port and the data lock: stopped first.
            leftover.filter(node -> node.info().commandLine().orElse("").contains("elasticsearch")).ifPresent(node -> {
                log.warn("Stopping an Elasticsearch node left over from an earlier run (pid {})", node.pid());
                node.destroy();
                node.onExit().join();
            });
            Files.deleteIfExists(pidFile);
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                chownTree(home, UNPRIVILEGED_ID);
            }
            List<String> command = new ArrayList<>();
            if (root) {
                command.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID, "--clear-groups"));
            }
            command.addAll(List.of(installation.resolve("bin/elasticsearch").toString(),
                    "-p", pidFile.toString(),
                    "-E", "discovery.type=single-node",
                    "-E", "xpack.security.enabled=false",
                    "-E", "network.host=127.0.0.1",
                    "-E", "http.port=" + httpPort,
                    "-E", "transport.port=" + (httpPort + 100),
                    "-E", "path.data=" + data,
                    "-E", "path.logs=" + logs,
                    "-E", "cluster.routing.allocation.disk.threshold_enabled=false",
                    "-E", "action.destructive_requires_name=false"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("console.log").toFile()));
            builder.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap);
            builder.environment().put("HOME", userHome.toString());
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            process = builder.start().toHandle();
            log.info("Elasticsearch node starting on http://127.0.0.1:{} (home {})", httpPort, home);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start Elasticsearch from " + distribution + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the node answers cluster health; fails if the process died or the time ran out. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException("Elasticsearch exited; see " + home.resolve("logs/console.log"));
            }
            if (answers()) {
                return;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("Interrupted while waiting for Elasticsearch");
            }
            pause();
        }
        throw new IllegalStateException("Elasticsearch did not become ready within " + timeout);
    }

    /** The node should run but its process has ended: it crashed or was killed. */
    public synchronized boolean hasDied() {
        return wanted && !isRunning();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The node's processes (the launcher and the JVM it starts), for tools that signal them: fault drills. */
    public synchronized List<ProcessHandle> processes() {
        if (process == null) {
            return List.of();
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process);
        return all;
    }

    /** Stops the node and every process it started; waits for them to end. */
    public synchronized void stop() {
        wanted = false;
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process);
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        process = null;
        log.info("Elasticsearch node stopped");
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    private Path install() throws IOException {
        Path target = home.resolve("dist");
        Path marker = target.resolve(".complete");
        if (!Files.exists(marker)) {
            if (!Files.isRegularFile(distribution)) {
                throw new IOException("the Elasticsearch distribution " + distribution
                        + " is missing; the Maven build copies it there (run through mvn, or set omnicase.platform.elasticsearch.distribution)");
            }
            deleteTree(target);
            Files.createDirectories(target);
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(distribution))) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    Path out = target.resolve(entry.getName()).normalize();
                    if (!out.startsWith(target)) {
                        throw new IOException("zip entry outside target: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
                        if (out.getParent().getFileName().toString().equals("bin")) {
                            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                        }
                    }
                }
            }
            Files.createFile(marker);
        }
        try (Stream<Path> entries = Files.list(target)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("elasticsearch-")).findFirst()
                    .orElseThrow(() -> new IOException("no elasticsearch-* directory in " + distribution));
        }
    }

    /** The live process an earlier run of this home recorded in its pid file, if any. */
    private static Optional<ProcessHandle> leftover(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        String pid = Files.readString(pidFile).trim();
        if (pid.isEmpty() || !pid.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
    }

    /** Whether the process is a node of this installation (its JVM runs with it as {@code es.path.home}). */
    private static boolean isOwnNode(ProcessHandle node, Path installation) {
        String ownHome = "-Des.path.home=" + installation;
        return node.info().arguments().map(args -> List.of(args).contains(ownHome)).orElse(false);
    }

    /** Whether a node answers cluster health on this node's port within two seconds. */
    private boolean answers() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/_cluster/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening (yet)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void chownTree(Path root, int id) throws IOException {
        try {
            Process chown = new ProcessBuilder("chown", "-R", id + ":" + id, root.toString()).inheritIO().start();
            if (chown.waitFor() != 0) {
                throw new IOException("chown of " + root + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
