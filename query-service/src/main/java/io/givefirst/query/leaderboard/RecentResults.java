package io.givefirst.query.leaderboard;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Results that are expensive to compute and the same for every reader, served from memory: once a result is older
 * than {@code refreshAfter}, the next request still gets it at once and one background task computes the next.
 * Only the first request for a key waits. At most {@code capacity} keys are kept; others are computed each time.
 * A {@code refreshAfter} of zero keeps nothing: every request computes.
 */
final class RecentResults<K, V> {
    private final Duration refreshAfter;
    private final int capacity;
    private final Executor refresher;
    private final LongSupplier nanoTime;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    private record Entry<V>(V value, long computedAt, AtomicBoolean refreshing) {
    }

    RecentResults(Duration refreshAfter, int capacity, Executor refresher, LongSupplier nanoTime) {
        this.refreshAfter = refreshAfter;
        this.capacity = capacity;
        this.refresher = refresher;
        this.nanoTime = nanoTime;
    }

    V get(K key, Supplier<V> compute) {
        if (refreshAfter.isZero()) {
            return compute.get();
        }
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            V value = compute.get();
            if (entries.size() < capacity) {
                entries.putIfAbsent(key, new Entry<>(value, nanoTime.getAsLong(), new AtomicBoolean()));
            }
            return value;
        }
        boolean stale = nanoTime.getAsLong() - entry.computedAt() >= refreshAfter.toNanos();
        if (stale && entry.refreshing().compareAndSet(false, true)) {
            refresher.execute(() -> {
                try {
                    entries.put(key, new Entry<>(compute.get(), nanoTime.getAsLong(), new AtomicBoolean()));
                } finally {
                    entry.refreshing().set(false);
                }
            });
        }
        return entry.value();
    }
}
