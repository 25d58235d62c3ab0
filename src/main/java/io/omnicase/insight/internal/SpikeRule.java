package io.omnicase.insight.internal;

import java.util.List;

/**
 * Whether a window's message count is a spike against its baseline windows, in plain Java: at least {@code minCount}
 * messages, at least {@code ratio} times the baseline mean, and more than {@code sigmas} standard deviations above it
 * (the deviation never taken below that of a Poisson count with the same mean, so a quiet, steady baseline does not
 * make every small bump a spike).
 */
public record SpikeRule(long minCount, double ratio, double sigmas) {

    public static final SpikeRule DEFAULT = new SpikeRule(8, 2.0, 4);

    public boolean isSpike(long window, List<Long> baseline) {
        if (window < minCount || baseline.isEmpty()) {
            return false;
        }
        double mean = mean(baseline);
        double variance = baseline.stream().mapToDouble(c -> (c - mean) * (c - mean)).sum() / baseline.size();
        double deviation = Math.max(Math.sqrt(variance), Math.sqrt(Math.max(mean, 1)));
        return window >= ratio * Math.max(mean, 1) && window > mean + sigmas * deviation;
    }

    public static double mean(List<Long> baseline) {
        return baseline.isEmpty() ? 0 : baseline.stream().mapToLong(Long::longValue).average().orElse(0);
    }
}
