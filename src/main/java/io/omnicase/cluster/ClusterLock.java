package io.omnicase.cluster;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;

/**
 * Lets one node of several run a piece of scheduled work, as ShedLock does: a node that wants to run work {@code name}
 * moves the work's {@code locked_until} from the past to now + {@code holdFor} in one UPDATE; the node whose UPDATE
 * changed the row runs it, any other skips it. The lock is not released when the work ends, so a second node whose cron
 * fires a few seconds later (clocks differ) still skips it: choose {@code holdFor} longer than the work and shorter than
 * its period. A node that dies holding a lock holds it only until {@code locked_until}. All times are the database's.
 */
@Component
public class ClusterLock {

    private final JdbcClient jdbc;
    private final String node;

    @org.springframework.beans.factory.annotation.Autowired
    ClusterLock(JdbcClient jdbc) {
        this(jdbc, ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A lock held under another node's name: what a second node on the same database does (tests, tools). */
    public ClusterLock(JdbcClient jdbc, String node) {
        this.jdbc = jdbc;
        this.node = node;
    }

    /** This node's name in locks and claims: host, process id and a random part (a restarted node is a new node). */
    public String node() {
        return node;
    }

    /** @return true if this node may run the work now (and holds it for {@code holdFor}); false if another node does */
    public boolean tryLock(String name, Duration holdFor) {
        jdbc.sql("INSERT IGNORE INTO cluster_locks (name, locked_by, locked_at, locked_until) "
                        + "VALUES (?, '', NOW(3), TIMESTAMP '2000-01-01 00:00:00')")
                .param(name).update();
        return jdbc.sql("UPDATE cluster_locks SET locked_by = ?, locked_at = NOW(3), "
                        + "locked_until = NOW(3) + INTERVAL ? MICROSECOND WHERE name = ? AND locked_until <= NOW(3)")
                .params(node, holdFor.toNanos() / 1000, name).update() == 1;
    }

    /** Who holds the lock now, if anyone. */
    public java.util.Optional<String> holder(String name) {
        return jdbc.sql("SELECT locked_by FROM cluster_locks WHERE name = ? AND locked_until > NOW(3)")
                .param(name).query(String.class).optional();
    }
}
