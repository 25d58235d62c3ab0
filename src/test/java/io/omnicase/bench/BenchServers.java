package io.omnicase.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The app context a benchmark starts: its own data directory and servers, so that it can run beside a default run. */
final class BenchServers {

    private BenchServers() {
    }

    /**
     * A new data directory under {@code bench.dir} (default target). Not a temp directory (mode 700): Elasticsearch
     * runs as an unprivileged user and must reach its home below it.
     */
    static Path home(String prefix) throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("bench.dir", "target"), prefix + System.currentTimeMillis()))
                .toAbsolutePath();
    }

    /**
     * The benchmark's properties: a free HTTP port, its data directory, its MariaDB and Elasticsearch ports
     * ({@code bench.mariadb.port}, {@code bench.elasticsearch.port}), warnings only, and ports of its own for the demo
     * mail server (100 and 101 above its MariaDB port, as the fault suite's nodes have): a default run holds 3025 and
     * 3143, and a benchmark started beside it failed at start on them. Then the benchmark's own {@code more}.
     */
    static Map<String, Object> properties(Path home, int mariadbPort, int elasticsearchPort, Map<String, ?> more) {
        int mariadb = Integer.getInteger("bench.mariadb.port", mariadbPort);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.put("omnicase.platform.home", home.toString());
        all.put("omnicase.platform.mariadb.port", mariadb);
        all.put("omnicase.platform.elasticsearch.port", Integer.getInteger("bench.elasticsearch.port", elasticsearchPort));
        all.put("omnicase.channels.email.demo-smtp-port", mariadb + 100);
        all.put("omnicase.channels.email.demo-imap-port", mariadb + 101);
        all.put("logging.level.root", "warn");
        all.putAll(more);
        return all;
    }

    /** Properties as command-line arguments, which outrank application.yml. */
    static String[] arguments(Map<String, ?> properties) {
        return io.omnicase.support.TestServers.asArguments(properties);
    }
}
