package io.givefirst.bench;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * A fixed offered load: requests start on a schedule whether or not earlier ones have answered, and each
 * latency is taken from the moment its request <em>should</em> have started, so a stalled server shows in the
 * figures instead of quietly lowering the load (no coordinated omission).
 */
final class OpenLoop {
    private OpenLoop() {
    }

    /** Calls {@code request} with its intended start time ({@link System#nanoTime()}) {@code rate} times a second. */
    static void run(double rate, Duration duration, int maxInFlight, LongConsumer request) {
        ExecutorService workers = Executors.newFixedThreadPool(maxInFlight);
        long period = Math.round(1_000_000_000L / rate);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            for (long intended = start; intended < end; intended += period) {
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long at = intended;
                workers.execute(() -> request.accept(at));
            }
        } finally {
            workers.shutdown();
            try {
                workers.awaitTermination(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
