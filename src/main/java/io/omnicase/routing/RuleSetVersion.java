package io.omnicase.routing;

import java.time.Instant;

/**
 * One stored version of the routing rules.
 *
 * @param label       how decisions name it, {@code v<version>}
 * @param activatedAt when it last became active, null if never
 * @param active      whether it is the active version now
 */
public record RuleSetVersion(int version, String label, String drl, String checksum, String author, String reason,
                             Instant createdAt, Instant activatedAt, String activatedBy, boolean active) {
}
