/**
 * Insight over the interaction history for supervisors. Quality: every resolved conversation gets a quality score
 * (first response against the SLA, ownership and empathy phrases in the agents' replies, resolution confirmed by the
 * customer, the customer's sentiment at the end against the start), computed after the case's resolution commits,
 * stored in MariaDB and indexed through the search module; the scoring rules are versioned data a supervisor edits
 * ({@link io.omnicase.insight.QualityScores}), never code.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insight")
package io.omnicase.insight;
