package io.omnicase.routing;

import java.time.Instant;

/** A rule-set version became the active one (new, or an earlier one again); published in the activating transaction. */
public record RuleSetActivated(int version, String label, String checksum, String activatedBy, String reason,
                               Instant activatedAt) {
}
