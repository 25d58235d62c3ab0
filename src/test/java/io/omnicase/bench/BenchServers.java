package io.omnicase.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a benchmark's own app context needs so that it can run beside a default run of the product. */
final class BenchServers {

    private BenchServers() {
    }

    /**
     * The benchmark's properties as command-line arguments, with ports of its own for the demo mail server too: a
     * default run holds 3025 and 3143, and a benchmark started beside it failed at start on them. The mail ports lie
     * 100 and 101 above the benchmark's MariaDB port, as the fault suite's nodes do.
     */
    static String[] arguments(Map<String, ?> properties) {
        Map<String, Object> all = new LinkedHashMap<>(properties);
        int base = Integer.parseInt(String.valueOf(properties.get("omnicase.platform.mariadb.port")));
        all.putIfAbsent("omnicase.channels.email.demo-smtp-port", base + 100);
        all.putIfAbsent("omnicase.channels.email.demo-imap-port", base + 101);
        return io.omnicase.support.TestServers.asArguments(all);
    }
}
