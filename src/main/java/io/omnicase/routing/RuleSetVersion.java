package io.omnicase.routing;

import java.time.Instant;

/**
 * One stored version of the routing rules.
 *
 * @param label       how decisions name it, {@code v<version>}
 * @param drl         the rules as compiled: generated from {@code rules}, or written by an administrator
 * @param rules       the rule table a supervisor edits; null for a version an administrator wrote as DRL
 * @param activatedAt when it last became active, null if never
 * @param active      whether it is the active version now
 */
public record RuleSetVersion(int version, String label, String drl, GuidedRuleSet rules, String checksum, String author, String reason,
                             Instant createdAt, Instant activatedAt, String activatedBy, String activationReason,
                             boolean active) {
}
