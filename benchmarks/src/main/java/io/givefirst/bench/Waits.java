package io.givefirst.bench;

import com.mongodb.client.MongoClient;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** Waiting for the platform to catch up, read from its own metrics and admin API as an operator would. */
final class Waits {
    private final Api api;
    private final BenchStack stack;
    private final MongoClient mongo;

    Waits(Api api, BenchStack stack, MongoClient mongo) {
        this.api = api;
        this.stack = stack;
        this.mongo = mongo;
    }

    long storeCount() {
        return mongo.getDatabase("givefirst-commands").getCollection("domainevents").estimatedDocumentCount();
    }

    /** Events the relay has published since command-service started. */
    double published() {
        return api.metric(stack.commandUrl(), "givefirst_relay_published_total", "");
    }

    void publishedAtLeast(double count) throws InterruptedException {
        long lastLog = System.nanoTime();
        while (published() < count) {
            if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(30)) {
                Benchmark.log("  waiting for the relay: %.0f to go".formatted(count - published()));
                lastLog = System.nanoTime();
            }
            Thread.sleep(100);
        }
    }

    void relayCaughtUp() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (api.metric(stack.commandUrl(), "givefirst_relay_lag_seconds", "") == 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the relay did not catch up");
    }

    void projectionsCaughtUp(String what) throws InterruptedException {
        long start = System.nanoTime();
        long lastLog = start;
        while (true) {
            long lag = 0;
            for (JsonNode projection : api.adminQuery("/admin/projections").json()) {
                lag += projection.path("liveLag").asLong();
            }
            if (lag == 0) {
                Benchmark.log("  read models caught up with %s in %.0f s".formatted(what, (System.nanoTime() - start) / 1e9));
                return;
            }
            if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(30)) {
                Benchmark.log("  waiting for the read models: " + lag + " events behind (summed over the projections)");
                lastLog = System.nanoTime();
            }
            Thread.sleep(500);
        }
    }
}
