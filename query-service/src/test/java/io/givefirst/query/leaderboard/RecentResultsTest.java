package io.givefirst.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentResultsTest {
    private final AtomicLong now = new AtomicLong();
    private final List<Runnable> background = new ArrayList<>();
    private final AtomicInteger computations = new AtomicInteger();

    private RecentResults<String, Integer> results(Duration refreshAfter, int capacity) {
        return new RecentResults<>(refreshAfter, capacity, background::add, now::get);
    }

    private Integer compute() {
        return computations.incrementAndGet();
    }

    @Test
    void theFirstRequestComputesAndLaterOnesAreServedFromMemory() {
        RecentResults<String, Integer> results = results(Duration.ofSeconds(10), 10);
        assertThat(results.get("P30D", this::compute)).isEqualTo(1);
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(results.get("P30D", this::compute)).isEqualTo(1);
        assertThat(computations).hasValue(1);
        assertThat(background).isEmpty();
    }

    @Test
    void aStaleResultIsServedWhileOneBackgroundTaskComputesTheNext() {
        RecentResults<String, Integer> results = results(Duration.ofSeconds(10), 10);
        results.get("P30D", this::compute);
        now.addAndGet(Duration.ofSeconds(11).toNanos());

        assertThat(results.get("P30D", this::compute)).as("no request waits for a refresh").isEqualTo(1);
        assertThat(results.get("P30D", this::compute)).isEqualTo(1);
        assertThat(background).as("one refresh at a time").hasSize(1);

        background.remove(0).run();
        assertThat(results.get("P30D", this::compute)).isEqualTo(2);
        assertThat(background).isEmpty();
    }

    @Test
    void keysAreKeptApart() {
        RecentResults<String, Integer> results = results(Duration.ofSeconds(10), 10);
        assertThat(results.get("P7D", this::compute)).isEqualTo(1);
        assertThat(results.get("P30D", this::compute)).isEqualTo(2);
        assertThat(results.get("P7D", this::compute)).isEqualTo(1);
    }

    @Test
    void beyondItsCapacityResultsAreComputedEachTime() {
        RecentResults<String, Integer> results = results(Duration.ofSeconds(10), 1);
        results.get("P7D", this::compute);
        assertThat(results.get("P30D", this::compute)).isEqualTo(2);
        assertThat(results.get("P30D", this::compute)).isEqualTo(3);
    }

    @Test
    void zeroKeepsNothing() {
        RecentResults<String, Integer> results = results(Duration.ZERO, 10);
        assertThat(results.get("P30D", this::compute)).isEqualTo(1);
        assertThat(results.get("P30D", this::compute)).isEqualTo(2);
    }
}
