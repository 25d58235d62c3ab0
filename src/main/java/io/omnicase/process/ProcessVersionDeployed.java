package io.omnicase.process;

import java.time.Instant;

/**
 * A version of a process was deployed through the designer: by whom, why, and the earlier version it restores when it
 * is a rollback (else null).
 */
public record ProcessVersionDeployed(String processKey, int version, String deployedBy, String reason,
                                     Integer rollbackOf, Instant at) {
}
