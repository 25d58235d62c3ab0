/**
 * Patterns in the interaction history and the figures supervisors coach from: repeat issues of a customer (facts for
 * routing, earlier cases for the desk), spikes and emerging topics per topic and channel ({@link
 * io.omnicase.insight.SpikeDetected}), coaching figures per agent and topic with the moments worth a talk, and a
 * seeded generator of a realistic history to measure all of it. Every query runs in Elasticsearch through the search
 * module's {@link io.omnicase.search.InsightQueries}.
 *
 * Quality: every resolved conversation gets a quality score
 * (first response against the SLA, ownership and empathy phrases in the agents' replies, resolution confirmed by the
 * customer, the customer's sentiment at the end against the start), computed after the case's resolution commits,
 * stored in MariaDB and indexed through the search module; the scoring rules are versioned data a supervisor edits
 * ({@link io.omnicase.insight.QualityScores}), never code.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insight")
package io.omnicase.insight;
