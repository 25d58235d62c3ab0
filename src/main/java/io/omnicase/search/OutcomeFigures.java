package io.omnicase.search;

/**
 * Coaching figures over a set of resolved cases, as Elasticsearch aggregates them; every rate and mean is null over no
 * cases.
 *
 * @param medianHandleSeconds    the median (t-digest estimate) from opening to resolution
 * @param firstContactResolution the share resolved with at most one reply and never reopened, 0..1
 * @param reopenRate             the share reopened at least once, 0..1
 * @param sentimentChange        the mean change of the customer's sentiment from their first to their last message
 * @param slaBreaches            how many SLA breaches the cases had
 */
public record OutcomeFigures(long handled, Double medianHandleSeconds, Double firstContactResolution, Double reopenRate,
                             Double sentimentChange, long slaBreaches) {
}
