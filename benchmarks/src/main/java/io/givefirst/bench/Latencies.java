package io.givefirst.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latencies in microseconds, recorded from many threads into an HdrHistogram (3 significant digits). */
final class Latencies {
    private final Histogram histogram = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);

    void recordSince(long startNanos) {
        recordNanos(System.nanoTime() - startNanos);
    }

    void recordNanos(long nanos) {
        histogram.recordValue(Math.min(Math.max(0, nanos / 1000), histogram.getHighestTrackableValue()));
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The value at a percentile, in milliseconds. */
    double ms(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMs() {
        return histogram.getMaxValue() / 1000.0;
    }

    String summary() {
        return count() == 0 ? "no samples" : "p50 %s ms, p99 %s ms".formatted(Report.num(ms(50)), Report.num(ms(99)));
    }
}
