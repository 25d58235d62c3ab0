package io.omnicase.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latency samples in nanoseconds and their percentiles, printed in microseconds. */
final class Percentiles {

    private final long[] samples;
    private int count;

    Percentiles(int capacity) {
        samples = new long[capacity];
    }

    void add(long nanos) {
        samples[count++] = nanos;
    }

    String summary(String name) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%-40s n=%d  p50 %8.2f µs  p99 %8.2f µs  max %9.2f µs", name, count,
                at(sorted, 0.50) / 1e3, at(sorted, 0.99) / 1e3, sorted[count - 1] / 1e3);
    }

    double p99Micros() {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return at(sorted, 0.99) / 1e3;
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }
}
