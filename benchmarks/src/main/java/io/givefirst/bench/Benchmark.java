package io.givefirst.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bson.Document;
import tools.jackson.databind.JsonNode;

/**
 * The benchmark suite: starts the embedded default as README's {@code ## Run} does, drives it through its HTTP
 * APIs, measures the bare parts it is built of in the same run, and prints one table. See docs/benchmarks.md.
 */
public final class Benchmark {
    private final Settings settings;
    private final BenchStack stack;
    private final Api api;
    private final MongoClient mongo;
    private final Baselines bare;
    private final Report report = new Report();

    private Benchmark(Settings settings, BenchStack stack, MongoClient mongo) {
        this.settings = settings;
        this.stack = stack;
        this.api = new Api(stack);
        this.mongo = mongo;
        this.bare = new Baselines(stack, mongo);
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.from(args);
        String machine = Machine.describe();
        log("machine: " + machine);
        log("settings: " + settings);
        String table;
        try (BenchStack stack = BenchStack.start(settings.stackJar(), settings.infraHeap());
             MongoClient mongo = MongoClients.create(stack.mongoUri())) {
            // Ctrl-C or a SIGTERM stops the stack this run started, not only the load generator
            Thread stopStack = new Thread(stack::close, "stop-stack");
            Runtime.getRuntime().addShutdownHook(stopStack);
            log("the embedded default is up (data in " + stack.dataDir + ")");
            table = new Benchmark(settings, stack, mongo).run();
            Runtime.getRuntime().removeShutdownHook(stopStack);
        }
        String result = "# GiveFirst benchmark, " + Instant.now() + "\n\n" + machine + "\n\n" + settings + "\n\n" + table;
        System.out.println();
        System.out.println(result);
        Files.createDirectories(settings.out().toAbsolutePath().getParent());
        Files.writeString(settings.out(), result);
        log("written to " + settings.out().toAbsolutePath());
        System.exit(0);
    }

    private String run() throws Exception {
        List<String> members = joinMembers(settings.members());
        Samplers samplers = new Samplers();

        log("warming up for " + settings.warmup().toSeconds() + " s");
        new Ingest(api, members).closedLoop(settings.users(), settings.warmup());
        awaitRelayCaughtUp();

        samplers.start();
        log("ingest at saturation: " + settings.users() + " members acting back to back for "
                + settings.saturation().toSeconds() + " s");
        long storedBefore = storeCount();
        Ingest saturation = new Ingest(api, members);
        long start = System.nanoTime();
        saturation.closedLoop(settings.users(), settings.saturation());
        double seconds = (System.nanoTime() - start) / 1e9;
        long stored = storeCount() - storedBefore;
        double commandsPerSecond = saturation.commands.get() / seconds;
        double eventsPerSecond = stored / seconds;
        log("  %.0f commands/s, %.0f events/s, %s, %d refused".formatted(commandsPerSecond, eventsPerSecond,
                saturation.latencies.summary(), saturation.rejected.get()));

        double fixedRate = Math.max(5, Math.floor(commandsPerSecond * settings.fixedShare()));
        log("ingest at a fixed load of %.0f commands/s for %d s, with freshness probes".formatted(fixedRate,
                settings.fixed().toSeconds()));
        Ingest fixed = new Ingest(api, members);
        Freshness freshness = new Freshness(api, members);
        Thread probes = new Thread(() -> freshness.probe(settings.probeRate(), settings.fixed()), "freshness");
        probes.start();
        fixed.openLoop(fixedRate, settings.fixed());
        probes.join();
        samplers.stop();
        log("  " + fixed.latencies.summary() + "; freshness " + freshness.latencies.summary());
        Map<String, Long> peakRss = peakRss();

        log("bare MongoDB driver: appending the store's " + storeCount() + " event documents again");
        List<Document> events = mongo.getDatabase("givefirst-commands").getCollection("domainevents").find()
                .into(new ArrayList<>());
        double rawAppends = bare.rawAppends(events, settings.users());
        log("  %.0f inserts/s".formatted(rawAppends));

        report.row("1. ingest at saturation (" + settings.users() + " members back to back)",
                "%s commands/s = %s events/s; p50 %s ms, p99 %s ms".formatted(Report.num(commandsPerSecond),
                        Report.num(eventsPerSecond), Report.num(saturation.latencies.ms(50)),
                        Report.num(saturation.latencies.ms(99))),
                "%s event inserts/s (driver, %d threads)".formatted(Report.num(rawAppends), settings.users()),
                "≥ 50% of raw", Report.met(eventsPerSecond >= 0.5 * rawAppends) + " ("
                        + Report.ratio(eventsPerSecond, rawAppends) + ")");
        report.row("1. ingest at a fixed load of " + Report.num(fixedRate) + " commands/s",
                "p50 %s ms, p99 %s ms (%d commands, %d refused)".formatted(Report.num(fixed.latencies.ms(50)),
                        Report.num(fixed.latencies.ms(99)), fixed.commands.get(), fixed.rejected.get()),
                "—", "—", "—");
        if (saturation.firstRejection() != null || fixed.firstRejection() != null) {
            report.note("first refused command: " + (saturation.firstRejection() != null
                    ? saturation.firstRejection() : fixed.firstRejection()));
        }

        measureRelay(samplers);
        measureFreshness(freshness);

        SyntheticCommunity community = new SyntheticCommunity(settings.syntheticMembers());
        Map<String, Latencies> small = growAndQuery(community, settings.smallEvents());
        measureRebuild();
        Map<String, Latencies> large = growAndQuery(community, settings.largeEvents());
        queryRows(small, large);

        memoryRows(peakRss, samplers);
        return report.markdown();
    }

    private List<String> joinMembers(int count) throws Exception {
        List<String> members = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            members.add("bench-%04d".formatted(i));
        }
        List<String> everyone = new ArrayList<>(members);
        everyone.add(Freshness.PROBE);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (String member : everyone) {
            pool.submit(() -> {
                Api.Reply reply = api.command(member, "/members",
                        "{\"displayName\":\"Member " + member + "\",\"headline\":\"Benchmarks things\"}");
                if (!reply.ok()) {
                    log("could not join " + member + ": " + reply.status() + " " + reply.body());
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        log(everyone.size() + " members joined");
        return members;
    }

    private void measureRelay(Samplers samplers) throws Exception {
        awaitRelayCaughtUp();
        long events = storeCount();
        double before = api.metric(stack.commandUrl(), "givefirst_relay_published_total", "");
        log("relay: re-publishing the whole store (" + events + " events) from its start");
        long start = System.nanoTime();
        Api.Reply reset = api.adminCommand("/admin/relay/republish", "{}");
        if (!reset.ok()) {
            throw new IllegalStateException("republish answered " + reset.status() + " " + reset.body());
        }
        while (api.metric(stack.commandUrl(), "givefirst_relay_published_total", "") < before + events) {
            Thread.sleep(100);
        }
        double relayRate = events / ((System.nanoTime() - start) / 1e9);
        log("  %.0f events/s".formatted(relayRate));
        awaitProjectionsCaughtUp("the republished duplicates");
        log("store copy: the same store reader and Kafka producer as the relay, into a topic nobody consumes");
        long copyStart = System.nanoTime();
        Api.Reply copy = api.adminCommand("/admin/relay/republish", "{\"topic\":\"bench.store-copy\"}");
        if (!copy.ok()) {
            throw new IllegalStateException("the store copy answered " + copy.status() + " " + copy.body());
        }
        JsonNode copyStatus;
        do {
            Thread.sleep(100);
            copyStatus = api.adminCommandGet("/admin/relay/republish").json();
        } while (!present(copyStatus.path("finishedAt")));
        if (!"DONE".equals(copyStatus.path("state").asString())) {
            log("  the store copy ended " + copyStatus);
        }
        double copyRate = copyStatus.path("published").asLong() / ((System.nanoTime() - copyStart) / 1e9);
        log("  %.0f events/s".formatted(copyRate));
        List<ConsumerRecord<String, byte[]>> records = bare.readTopic(events);
        double producerRate = bare.bareProducer(records);
        log("  bare producer: %.0f records/s".formatted(producerRate));
        report.row("2. relay, store → Kafka: the live relay re-publishing the whole store (" + events
                        + " events) while query-service consumes the duplicates",
                Report.num(relayRate) + " events/s", Report.num(producerRate) + " records/s (producer, acks=all, same records)",
                "—", Report.ratio(relayRate, producerRate) + " of bare");
        report.row("2. relay, store → Kafka: the same store reader and producer copying the store to an unread topic",
                Report.num(copyRate) + " events/s", Report.num(producerRate) + " records/s (as above)",
                "—", Report.ratio(copyRate, producerRate) + " of bare");
        report.row("2. relay lag under the ingest load (sampled every 250 ms)",
                "p50 %s s, p99 %s s, max %s s".formatted(Report.num(samplers.relayLag.ms(50) / 1000),
                        Report.num(samplers.relayLag.ms(99) / 1000), Report.num(samplers.relayLag.maxMs() / 1000)),
                "—", "—", "—");
    }

    private void measureFreshness(Freshness freshness) throws Exception {
        log("bare Kafka produce → consume round trips");
        Latencies roundTrips = bare.roundTrips(settings.probeRate() * 4, settings.fixed());
        log("  " + roundTrips.summary());
        report.row("3. freshness: command acknowledged → in the contribution history (during the fixed load, "
                        + freshness.latencies.count() + " probes)",
                "p50 %s ms, p99 %s ms".formatted(Report.num(freshness.latencies.ms(50)), Report.num(freshness.latencies.ms(99))),
                "p50 %s ms, p99 %s ms (produce → consume, %d records)".formatted(Report.num(roundTrips.ms(50)),
                        Report.num(roundTrips.ms(99)), roundTrips.count()),
                "p99 ≤ 5× bare", Report.met(freshness.latencies.ms(99) <= 5 * roundTrips.ms(99)) + " ("
                        + Report.num(freshness.latencies.ms(99) / roundTrips.ms(99)) + "×)");
    }

    /** Tops the topic up to {@code total} events with the synthetic community, waits for the read models, queries. */
    private Map<String, Latencies> growAndQuery(SyntheticCommunity community, long total) throws Exception {
        long present = bare.topicSize();
        if (present < total) {
            log("publishing " + (total - present) + " events of a synthetic community to reach " + total);
            long start = System.nanoTime();
            try (KafkaProducer<String, byte[]> producer = bare.producer()) {
                SyntheticCommunity.publish(community, total - present, producer, Baselines.TOPIC);
            }
            log("  published in %.0f s".formatted((System.nanoTime() - start) / 1e9));
        }
        awaitProjectionsCaughtUp(total + " events");
        log("queries at " + total + " events: " + settings.queryRate() + " requests/s for "
                + settings.queryTime().toSeconds() + " s");
        Map<String, Latencies> latencies = new LinkedHashMap<>();
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("history", "/members/%s/contributions?limit=20");
        paths.put("stats", "/members/%s/stats");
        paths.put("leaderboard", "/leaderboard?period=P30D&limit=10");
        paths.keySet().forEach(name -> latencies.put(name, new Latencies()));
        List<String> names = new ArrayList<>(paths.keySet());
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<String> members = community.members();
        String reader = members.get(0);
        OpenLoop.run(settings.queryRate(), settings.queryTime(), 256, intended -> {
            String name = names.get((int) (sent.getAndIncrement() % names.size()));
            String member = members.get(ThreadLocalRandom.current().nextInt(members.size()));
            try {
                Api.Reply reply = api.query(reader, paths.get(name).formatted(member));
                if (reply.status() != 200) {
                    failed.incrementAndGet();
                }
            } catch (RuntimeException e) {
                failed.incrementAndGet(); // a timeout (60 s) counts, with its latency, as a failed query
            }
            latencies.get(name).recordSince(intended);
        });
        latencies.forEach((name, l) -> log("  " + name + ": " + l.summary()));
        if (failed.get() > 0) {
            report.note(failed.get() + " of the queries at " + total + " events did not answer 200 within 60 s");
        }
        return latencies;
    }

    private void queryRows(Map<String, Latencies> small, Map<String, Latencies> large) {
        for (String name : small.keySet()) {
            Latencies at100k = small.get(name);
            Latencies at1m = large.get(name);
            boolean history = name.equals("history");
            report.row("4. query " + name + " at " + settings.queryRate() + " requests/s",
                    "%s events: p50 %s ms, p99 %s ms; %s events: p50 %s ms, p99 %s ms".formatted(
                            Report.num(settings.smallEvents()), Report.num(at100k.ms(50)), Report.num(at100k.ms(99)),
                            Report.num(settings.largeEvents()), Report.num(at1m.ms(50)), Report.num(at1m.ms(99))),
                    "—", history ? "p99 at the larger ≤ 1.5× the smaller" : "—",
                    history ? Report.met(at1m.ms(99) <= 1.5 * at100k.ms(99)) + " ("
                            + Report.num(at1m.ms(99) / at100k.ms(99)) + "×)" : "—");
        }
    }

    private void measureRebuild() throws Exception {
        long events = bare.topicSize();
        log("rebuilding every projection from " + events + " events");
        double writesBefore = api.metric(stack.queryUrl(), "givefirst_projection_writes_total", "");
        long start = System.nanoTime();
        Api.Reply started = api.adminQueryPost("/admin/projections/rebuild", "{}");
        if (!started.ok()) {
            throw new IllegalStateException("rebuild answered " + started.status() + " " + started.body());
        }
        List<String> perProjection = new ArrayList<>();
        while (true) {
            Thread.sleep(250);
            JsonNode status = api.adminQuery("/admin/projections").json();
            boolean done = true;
            perProjection.clear();
            for (JsonNode projection : status) {
                JsonNode rebuild = projection.path("rebuild");
                if ("FAILED".equals(rebuild.path("state").asString())) {
                    throw new IllegalStateException("rebuild failed: " + projection);
                }
                done &= present(rebuild.path("finishedAt")) && "LIVE".equals(projection.path("state").asString());
                perProjection.add(projection.path("name").asString() + " " + Report.num(rebuild.path("eventsPerSecond").asDouble()));
            }
            if (done) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = events / seconds;
        double writes = api.metric(stack.queryUrl(), "givefirst_projection_writes_total", "") - writesBefore;
        log("  %.0f events/s for all (%s); %.1f document writes per event, %.0f writes/s".formatted(rate,
                String.join(", ", perProjection), writes / events, writes / seconds));
        double bareRate = bare.bareConsumeAndWrite(events);
        log("  bare consume + bulk write: %.0f events/s".formatted(bareRate));
        report.row("5. rebuild of all six projections (" + events + " events)",
                Report.num(rate) + " events/s; " + Report.num(writes / events) + " document writes per event = "
                        + Report.num(writes / seconds) + " writes/s (each projection's rate: "
                        + String.join(", ", perProjection) + " events/s)",
                Report.num(bareRate) + " events/s (one consumer, one bulk-written document per event)",
                "≥ 70% of raw", Report.met(rate >= 0.7 * bareRate) + " (" + Report.ratio(rate, bareRate) + ")");
    }

    private void memoryRows(Map<String, Long> peakRssUnderIngest, Samplers samplers) {
        Map<String, Long> peakRssWholeRun = peakRss();
        boolean alive = stack.servicesAlive();
        for (Map.Entry<String, Long> process : peakRssUnderIngest.entrySet()) {
            String name = process.getKey();
            boolean service = name.endsWith("-service");
            Long heap = samplers.maxHeapMib.get(name);
            report.row("6. peak RSS, " + name,
                    "%d MiB under ingest, %d MiB over the whole run%s".formatted(process.getValue(),
                            peakRssWholeRun.getOrDefault(name, -1L),
                            heap == null ? "" : "; heap used ≤ " + heap + " MiB of -Xmx512m"),
                    "—", service ? "holds the load with a 512 MB heap" : "—",
                    service ? Report.met(alive) + (alive ? " (running, no refusals from lack of memory)" : " (a service died)") : "—");
        }
    }

    private Map<String, Long> peakRss() {
        Map<String, Long> peaks = new LinkedHashMap<>();
        stack.processes().forEach((name, pid) -> peaks.put(name, BenchStack.peakRssMib(pid).orElse(-1L)));
        return peaks;
    }

    private long storeCount() {
        MongoCollection<Document> store = mongo.getDatabase("givefirst-commands").getCollection("domainevents");
        return store.countDocuments();
    }

    private void awaitRelayCaughtUp() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (api.metric(stack.commandUrl(), "givefirst_relay_lag_seconds", "") == 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the relay did not catch up");
    }

    private void awaitProjectionsCaughtUp(String what) throws InterruptedException {
        long start = System.nanoTime();
        long lastLog = start;
        while (true) {
            long lag = 0;
            for (JsonNode projection : api.adminQuery("/admin/projections").json()) {
                lag += projection.path("liveLag").asLong();
            }
            if (lag == 0) {
                log("  read models caught up with %s in %.0f s".formatted(what, (System.nanoTime() - start) / 1e9));
                return;
            }
            if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(15)) {
                log("  waiting for the read models: " + lag + " events behind (summed over six projections)");
                lastLog = System.nanoTime();
            }
            Thread.sleep(500);
        }
    }

    /** Relay lag and heap use, sampled from the services' Prometheus pages while the ingest load runs. */
    private final class Samplers {
        final Latencies relayLag = new Latencies();
        final Map<String, Long> maxHeapMib = new ConcurrentHashMap<>();
        private volatile boolean running;
        private Thread thread;

        void start() {
            running = true;
            thread = new Thread(() -> {
                Map<String, String> services = new HashMap<>(Map.of("command-service", stack.commandUrl(),
                        "query-service", stack.queryUrl()));
                while (running) {
                    try {
                        double lag = api.metric(stack.commandUrl(), "givefirst_relay_lag_seconds", "");
                        relayLag.recordNanos((long) (lag * 1e9));
                        services.forEach((name, url) -> {
                            long heap = (long) (api.metric(url, "jvm_memory_used_bytes", "area=\"heap\"") / (1 << 20));
                            maxHeapMib.merge(name, heap, Math::max);
                        });
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        log("sampler: " + e);
                    }
                }
            }, "samplers");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    private static boolean present(JsonNode field) {
        return !field.isNull() && !field.isMissingNode();
    }

    static void log(String line) {
        System.err.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
    }

    /** What the run does; every value can be set with {@code --name=value}. */
    record Settings(Path stackJar, Path out, String infraHeap, int members, int users, Duration warmup,
                    Duration saturation, Duration fixed, double fixedShare, double probeRate, double queryRate,
                    Duration queryTime, long smallEvents, long largeEvents, int syntheticMembers) {
        static Settings from(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (String arg : args) {
                if (arg.startsWith("--") && arg.contains("=")) {
                    given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                }
            }
            Settings settings = new Settings(
                    Path.of(given.getOrDefault("stack-jar", "local-stack/target/givefirst-local.jar")),
                    Path.of(given.getOrDefault("out", "benchmarks/target/benchmark-results.md")),
                    given.getOrDefault("infra-heap", "2g"),
                    Integer.parseInt(given.getOrDefault("members", "200")),
                    Integer.parseInt(given.getOrDefault("users", "16")),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("warmup-seconds", "20"))),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("saturation-seconds", "60"))),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("fixed-seconds", "40"))),
                    Double.parseDouble(given.getOrDefault("fixed-share", "0.5")),
                    Double.parseDouble(given.getOrDefault("probe-rate", "5")),
                    Double.parseDouble(given.getOrDefault("query-rate", "30")),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("query-seconds", "30"))),
                    Long.parseLong(given.getOrDefault("small-events", "100000")),
                    Long.parseLong(given.getOrDefault("large-events", "1000000")),
                    Integer.parseInt(given.getOrDefault("synthetic-members", "20000")));
            Map<String, String> known = new HashMap<>(given);
            List.of("stack-jar", "out", "infra-heap", "members", "users", "warmup-seconds", "saturation-seconds",
                    "fixed-seconds", "fixed-share", "probe-rate", "query-rate", "query-seconds", "small-events",
                    "large-events", "synthetic-members").forEach(known::remove);
            if (!known.isEmpty()) {
                throw new IllegalArgumentException("unknown settings " + known.keySet());
            }
            return settings;
        }
    }

    /** The machine the figures belong to. */
    static final class Machine {
        static String describe() throws IOException {
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
            String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / (1024 * 1024) + " GiB").orElse("?");
            return "%d cores (%s), %s RAM, %s %s, Java %s (%s)".formatted(Runtime.getRuntime().availableProcessors(), cpu,
                    memory, System.getProperty("os.name"), System.getProperty("os.version"),
                    System.getProperty("java.version"), System.getProperty("java.vm.vendor"));
        }
    }
}
