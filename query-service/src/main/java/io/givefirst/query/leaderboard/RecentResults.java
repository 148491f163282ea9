package io.givefirst.query.leaderboard;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Results that are expensive to compute and the same for every reader, served from memory (a Caffeine cache). The
 * first request for a key computes it and concurrent requests for that key wait for the same computation — at
 * 1 000 000 events 18 requests computed one leaderboard side by side and stalled every screen (docs/benchmarks.md).
 * Once a result is older than {@code refreshAfter}, requests still get it at once and one background task computes
 * the next. At most {@code capacity} keys are kept. A {@code refreshAfter} of zero keeps nothing: every request
 * computes.
 */
final class RecentResults<K, V> {
    private final Function<K, V> compute;
    private final LoadingCache<K, V> kept;

    RecentResults(Duration refreshAfter, int capacity, Executor refresher, Ticker ticker, Function<K, V> compute) {
        this.compute = compute;
        this.kept = refreshAfter.isZero() ? null : Caffeine.newBuilder().maximumSize(capacity)
                .refreshAfterWrite(refreshAfter).executor(refresher).ticker(ticker).build(compute::apply);
    }

    V get(K key) {
        return kept == null ? compute.apply(key) : kept.get(key);
    }
}
