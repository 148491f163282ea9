package io.givefirst.bench;

import io.givefirst.local.infra.costs.QueryCostCheck;
import io.givefirst.local.infra.mongo.QueryLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What the platform does with a store of one size: how fast the relay and the projections took in the growth
 * to it, how long the whole stack takes to start on it, commands and freshness at the fixed offered load, the
 * query screens' latencies, what each query shape examined, and the processes' peak memory.
 */
record AtSize(long events, double appendRate, double relayRate, double projectionRate, Duration startup,
              Latencies commands, long refused, Freshness freshness, Map<String, Latencies> queries,
              Map<String, QueryLog.Shape> costs, Map<String, Long> peakRss, long storeFileMib) {

    /** The query screens measured at every size, by name. */
    static final Map<String, String> SCREENS = screens();

    private static Map<String, String> screens() {
        Map<String, String> screens = new LinkedHashMap<>();
        screens.put("history", "/members/%s/contributions?limit=20");
        screens.put("stats", "/members/%s/stats");
        screens.put("profile", "/members/%s");
        screens.put("connections", "/members/%s/connections");
        screens.put("leaderboard", "/leaderboard?period=P30D&limit=10");
        screens.put("feed", "/feed?limit=20");
        return screens;
    }

    /** The steps of one size, in the order the data allows. */
    record Steps(Benchmark.Settings settings, BenchStack stack, Api api, Waits waits, Baselines bare,
                 SyntheticCommunity community, StoreGrowth growth, QueryCostCheck costs, List<String> members) {

        AtSize measure(long size) throws Exception {
            Growth grown = grow(size);
            Duration startup = stack.restart();
            Benchmark.log("  restarted the whole stack on " + waits.storeCount() + " events in " + startup.toMillis() + " ms");
            Benchmark.log("  warming up for " + settings.warmup().toSeconds() + " s after the restart");
            new Ingest(api, members).closedLoop(settings.users(), settings.warmup());
            waits.relayCaughtUp();
            waits.projectionsCaughtUp("the warm-up");

            Ingest fixed = new Ingest(api, members);
            Freshness freshness = new Freshness(api, members);
            fixedLoad(fixed, freshness);
            waits.projectionsCaughtUp("the fixed load");

            Map<String, Latencies> queries = queries();
            Map<String, QueryLog.Shape> costs = this.costs.measure("tour-" + size + "-");
            Map<String, Long> rss = new LinkedHashMap<>();
            stack.processes().forEach((name, pid) -> rss.put(name, BenchStack.peakRssMib(pid).orElse(-1L)));
            long storeFile = stack.storeFileMib();
            Benchmark.log("  store file " + storeFile + " MiB");
            return new AtSize(grown.stored(), grown.appendRate(), grown.relayRate(), grown.projectionRate(), startup,
                    fixed.latencies, fixed.rejected.get(), freshness, queries, costs, rss, storeFile);
        }

        /** How fast the store grew, the relay published it and the read models took it in (events per second). */
        private record Growth(long stored, double appendRate, double relayRate, double projectionRate) {
        }

        private Growth grow(long size) throws Exception {
            long stored = waits.storeCount();
            Benchmark.log("growing the event store from " + stored + " to " + size + " events");
            double publishedBefore = waits.published();
            long start = System.nanoTime();
            growth.append(community, Math.max(0, size - stored), settings.growthRate());
            long grown = waits.storeCount();
            long appended = grown - stored;
            double appendRate = appended / ((System.nanoTime() - start) / 1e9);
            waits.publishedAtLeast(publishedBefore + appended);
            double relayRate = appended / ((System.nanoTime() - start) / 1e9);
            waits.projectionsCaughtUp(size + " stored events");
            double projectionRate = appended / ((System.nanoTime() - start) / 1e9);
            Benchmark.log("  appended %d events at %.0f/s; all published at %.0f/s, in the read models at %.0f/s; store file %d MiB"
                    .formatted(appended, appendRate, relayRate, projectionRate, stack.storeFileMib()));
            return new Growth(grown, appendRate, relayRate, projectionRate);
        }

        /** Commands at the fixed open-loop rate, with freshness probes read straight off the topic meanwhile. */
        private void fixedLoad(Ingest fixed, Freshness freshness) throws Exception {
            double fixedRate = settings.fixedRate();
            Benchmark.log("  commands at a fixed %.0f commands/s for %d s, with freshness probes".formatted(fixedRate,
                    settings.fixed().toSeconds()));
            Map<TopicPartition, Long> before = bare.endOffsets();
            try (KafkaConsumer<String, byte[]> consumer = bare.consumer()) {
                Thread probes = new Thread(() -> {
                    try {
                        freshness.probe(settings.probeRate(), settings.fixed(), consumer, before);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "freshness");
                probes.start();
                fixed.openLoop(fixedRate, settings.fixed());
                probes.join();
            }
            Benchmark.log("  commands " + fixed.latencies.summary() + "; freshness " + freshness.latencies.summary()
                    + " (relay " + freshness.relayPart.summary() + "; query side " + freshness.queryPart.summary() + ")");
        }

        private Map<String, Latencies> queries() {
            Benchmark.log("  queries: " + settings.queryRate() + " requests/s for " + settings.queryTime().toSeconds() + " s");
            Map<String, Latencies> latencies = new LinkedHashMap<>();
            SCREENS.keySet().forEach(name -> latencies.put(name, new Latencies()));
            List<String> names = new ArrayList<>(SCREENS.keySet());
            AtomicLong sent = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            List<String> readers = community.members();
            OpenLoop.run(settings.queryRate(), settings.queryTime(), 256, intended -> {
                String name = names.get((int) (sent.getAndIncrement() % names.size()));
                String member = readers.get(ThreadLocalRandom.current().nextInt(readers.size()));
                try {
                    if (api.query(readers.get(0), SCREENS.get(name).formatted(member)).status() != 200) {
                        failed.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failed.incrementAndGet(); // a timeout (60 s) counts, with its latency, as a failed query
                }
                latencies.get(name).recordSince(intended);
            });
            latencies.forEach((name, l) -> Benchmark.log("    " + name + ": " + l.summary()));
            if (failed.get() > 0) {
                Benchmark.log("    " + failed.get() + " queries did not answer 200");
            }
            return latencies;
        }
    }
}
