package io.omnicase.localservers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Restarts the default run's MariaDB server or Elasticsearch node when it has died (crashed, killed), as a service
 * supervisor would: the application's connection pool and Elasticsearch client reconnect by themselves, and work that
 * failed meanwhile is delivered again from the event publication table. A server stopped on purpose stays stopped.
 */
class PlatformWatchdog {

    private static final Logger log = LoggerFactory.getLogger(PlatformWatchdog.class);

    private final EmbeddedMariaDb mariaDb;
    private final ManagedElasticsearchNode elasticsearch;

    PlatformWatchdog(EmbeddedMariaDb mariaDb, ManagedElasticsearchNode elasticsearch) {
        this.mariaDb = mariaDb;
        this.elasticsearch = elasticsearch;
    }

    @Scheduled(initialDelayString = "${omnicase.platform.watch-every:PT5S}", fixedDelayString = "${omnicase.platform.watch-every:PT5S}")
    void restartWhatDied() {
        if (mariaDb.hasDied()) {
            log.warn("The MariaDB server has stopped unexpectedly; starting it again");
            try {
                mariaDb.restart();
                log.info("The MariaDB server runs again");
            } catch (RuntimeException e) {
                log.error("Could not restart the MariaDB server, trying again shortly: {}", e.getMessage());
            }
        }
        if (elasticsearch.hasDied()) {
            log.warn("The Elasticsearch node has stopped unexpectedly; starting it again");
            try {
                elasticsearch.start();
            } catch (RuntimeException e) {
                log.error("Could not restart the Elasticsearch node, trying again shortly: {}", e.getMessage());
            }
        }
    }
}
