package io.givefirst.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RecentResultsTest {
    private final AtomicLong now = new AtomicLong();
    private final List<Runnable> background = new ArrayList<>();
    private final AtomicInteger computations = new AtomicInteger();

    private RecentResults<String, Integer> results(Duration refreshAfter, Function<String, Integer> compute) {
        return new RecentResults<>(refreshAfter, 10, background::add, now::get, compute);
    }

    private RecentResults<String, Integer> results(Duration refreshAfter) {
        return results(refreshAfter, key -> computations.incrementAndGet());
    }

    private void runBackground() {
        while (!background.isEmpty()) {
            background.remove(0).run();
        }
    }

    @Test
    void theFirstRequestComputesAndLaterOnesAreServedFromMemory() {
        RecentResults<String, Integer> results = results(Duration.ofSeconds(10));
        assertThat(results.get("P30D")).isEqualTo(1);
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        runBackground();
        assertThat(results.get("P30D")).isEqualTo(1);
        assertThat(computations).hasValue(1);
    }

    @Test
    void aStaleResultIsServedWhileOneBackgroundTaskComputesTheNext() {
        RecentResults<String, Integer> results = results(Duration.ofSeconds(10));
        results.get("P30D");
        now.addAndGet(Duration.ofSeconds(11).toNanos());

        assertThat(results.get("P30D")).as("no request waits for a refresh").isEqualTo(1);
        assertThat(results.get("P30D")).isEqualTo(1);
        assertThat(computations).as("the refresh has not run yet").hasValue(1);

        runBackground();
        assertThat(results.get("P30D")).isEqualTo(2);
        assertThat(computations).as("one refresh for the two stale reads").hasValue(2);
    }

    @Test
    void keysAreKeptApart() {
        RecentResults<String, Integer> results = results(Duration.ofSeconds(10));
        assertThat(results.get("P7D")).isEqualTo(1);
        assertThat(results.get("P30D")).isEqualTo(2);
        assertThat(results.get("P7D")).isEqualTo(1);
    }

    @Test
    void requestsArrivingTogetherForAKeyNotYetKeptShareOneComputation() throws Exception {
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecentResults<String, Integer> results = results(Duration.ofSeconds(10), key -> {
            computing.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return computations.incrementAndGet();
        });
        ExecutorService readers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(readers.submit(() -> results.get("ALL")));
            }
            assertThat(computing.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200); // the other readers reach the cache meanwhile
            release.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            }
            assertThat(computations).hasValue(1);
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void zeroKeepsNothing() {
        RecentResults<String, Integer> results = results(Duration.ZERO);
        assertThat(results.get("P30D")).isEqualTo(1);
        assertThat(results.get("P30D")).isEqualTo(2);
    }
}
