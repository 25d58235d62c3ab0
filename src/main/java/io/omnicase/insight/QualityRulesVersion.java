package io.omnicase.insight;

import java.time.Instant;

/** A saved version of the quality rules: who saved it, why, when. The newest version is the one scoring uses. */
public record QualityRulesVersion(int version, QualityRules rules, String author, String reason, Instant createdAt) {
}
