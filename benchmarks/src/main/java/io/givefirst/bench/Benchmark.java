package io.givefirst.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.givefirst.local.infra.costs.PlatformTour;
import io.givefirst.local.infra.costs.QueryCostCheck;
import java.util.Set;
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
    private final Waits waits;
    private final Report report = new Report();
    private static final String LEADERBOARD = "the leaderboard ranks every verified help of its period, in the background";
    /** A query may examine this many documents beyond what it returns, and beyond what it examined at the first size. */
    private static final long COST_SLACK = 100;

    private Benchmark(Settings settings, BenchStack stack, MongoClient mongo) {
        this.settings = settings;
        this.stack = stack;
        this.api = new Api(stack);
        this.mongo = mongo;
        this.bare = new Baselines(stack, mongo);
        this.waits = new Waits(api, stack, mongo);
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--embedded-inserts")) {
            EmbeddedInserts.run();
            return;
        }
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
        List<String> members = api.joinMembers(settings.members());
        log("warming up for " + settings.warmup().toSeconds() + " s");
        new Ingest(api, members).closedLoop(settings.users(), settings.warmup());
        waits.relayCaughtUp();

        PlatformTour tour = new PlatformTour(stack.commandUrl(), stack.queryUrl(), api::token, api.adminToken());
        QueryCostCheck costs = new QueryCostCheck(mongo, tour,
                Set.of("projection_generations", "query_instances", "relay_lease", "unknown_event_types"), COST_SLACK,
                Map.of("verified_help {verifiedAt: {$gte: ?}}", LEADERBOARD, "verified_help {}", LEADERBOARD));
        AtSize.Steps steps = new AtSize.Steps(settings, stack, api, waits, bare,
                new SyntheticCommunity(settings.syntheticMembers()), new StoreGrowth(mongo), costs, members);
        List<AtSize> sizes = new ArrayList<>();
        sizes.add(steps.measure(settings.sizes().get(0)));

        measureSaturation(members);
        measureRelay();
        log("bare Kafka produce → consume round trips");
        Latencies roundTrips = bare.roundTrips(settings.probeRate() * 4, settings.fixed());
        log("  " + roundTrips.summary());

        for (long size : settings.sizes().subList(1, settings.sizes().size())) {
            sizes.add(steps.measure(size));
            if (size == settings.rebuildAt()) {
                measureRebuild();
            }
        }
        new SizeRows(report, settings).add(sizes, roundTrips, costs);
        AtSize first = sizes.get(0);
        AtSize last = sizes.get(sizes.size() - 1);
        return report.markdown() + "\n## What each query shape examined\n\n" + String.join("\n",
                costs.report(Report.num(first.events()) + " events", first.costs(),
                        Report.num(last.events()) + " events", last.costs())) + "\n";
    }

    /** Ingest at saturation against raw inserts of the same documents. */
    private void measureSaturation(List<String> members) throws Exception {
        log("ingest at saturation: " + settings.users() + " members acting back to back for "
                + settings.saturation().toSeconds() + " s");
        SaturationRun run = SaturationRun.measure(api, stack, waits, members, settings.users(), settings.saturation());
        Ingest saturation = run.ingest();
        double seconds = run.seconds();
        Map<String, Long> cpuBefore = run.cpuBefore();
        Map<String, Long> cpuAfter = run.cpuAfter();
        double commandsPerSecond = run.commandsPerSecond();
        double eventsPerSecond = run.eventsPerSecond();
        log("bare MongoDB driver: appending the store's " + waits.storeCount() + " event documents again");
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
        if (saturation.firstRejection() != null) {
            report.note("first refused command: " + saturation.firstRejection());
        }
        long commands = saturation.commands.get();
        String perCommand = cpuAfter.entrySet().stream().map(e -> "%s %s ms".formatted(
                e.getKey().replaceAll(" \\(.*", ""), Report.num((e.getValue() - cpuBefore.get(e.getKey())) / (double) commands)))
                .collect(java.util.stream.Collectors.joining(", "));
        long machine = cpuAfter.values().stream().mapToLong(Long::longValue).sum()
                - cpuBefore.values().stream().mapToLong(Long::longValue).sum();
        report.row("1. CPU time per command at saturation, by process (from /proc; 2 cores = 2 000 ms/s)",
                perCommand + "; all three " + Report.num(machine / (double) commands) + " ms, using "
                        + Report.num(machine / seconds / 10) + "% of one core", "—", "—", "—");
        waits.relayCaughtUp();
    }

    private void measureRelay() throws Exception {
        waits.relayCaughtUp();
        long events = waits.storeCount();
        log("re-publishing the whole store (" + events + " events) into the live topic");
        double republishRate = copy("{}");
        log("  %.0f events/s".formatted(republishRate));
        waits.projectionsCaughtUp("the republished duplicates");
        log("the same copy into a topic nobody consumes");
        double copyRate = copy("{\"topic\":\"givefirst.events.bench-copy\"}");
        log("  %.0f events/s".formatted(copyRate));
        List<ConsumerRecord<String, byte[]>> records = bare.readTopic(events);
        double producerRate = bare.bareProducer(records);
        log("  bare producer: %.0f records/s".formatted(producerRate));
        report.row("2. re-publishing the whole store (" + events + " events) into the live topic while query-service "
                        + "consumes the duplicates", Report.num(republishRate) + " events/s",
                Report.num(producerRate) + " records/s (producer, acks=all, same records)", "—",
                Report.ratio(republishRate, producerRate) + " of bare");
        report.row("2. the same copy of the store into a topic nobody consumes", Report.num(copyRate) + " events/s",
                Report.num(producerRate) + " records/s (as above)", "—", Report.ratio(copyRate, producerRate) + " of bare");
    }

    /** Starts a copy of the store ({@code /admin/relay/republish}) and waits for it: events per second. */
    private double copy(String request) throws Exception {
        long start = System.nanoTime();
        Api.Reply started = api.adminCommand("/admin/relay/republish", request);
        if (!started.ok()) {
            throw new IllegalStateException("the copy answered " + started.status() + " " + started.body());
        }
        JsonNode status;
        do {
            Thread.sleep(100);
            status = api.adminCommandGet("/admin/relay/republish").json();
        } while (!present(status.path("finishedAt")));
        if (!"DONE".equals(status.path("state").asString())) {
            log("  the copy ended " + status);
        }
        return status.path("published").asLong() / ((System.nanoTime() - start) / 1e9);
    }

    private void measureRebuild() throws Exception {
        long events = bare.topicSize();
        RebuildRun rebuild = RebuildRun.measure(api, stack, events);
        double bareRate = bare.bareConsumeAndWrite(events);
        log("  bare consume + bulk write: %.0f events/s".formatted(bareRate));
        report.row("5. rebuild of all six projections (" + events + " events)",
                Report.num(rebuild.rate()) + " events/s; " + Report.num(rebuild.writesPerEvent())
                        + " document writes per event = " + Report.num(rebuild.writesPerEvent() * rebuild.rate())
                        + " writes/s (each projection's rate: " + String.join(", ", rebuild.perProjection())
                        + " events/s)",
                Report.num(bareRate) + " events/s (one consumer, one bulk-written document per event)",
                "≥ 70% of raw", Report.met(rebuild.rate() >= 0.7 * bareRate) + " ("
                        + Report.ratio(rebuild.rate(), bareRate) + ")");
    }

    private static boolean present(JsonNode field) {
        return !field.isNull() && !field.isMissingNode();
    }

    static void log(String line) {
        System.err.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
    }

    /** What the run does; every value can be set with {@code --name=value}. */
    record Settings(Path stackJar, Path out, String infraHeap, int members, int users, Duration warmup,
                    Duration saturation, Duration fixed, double fixedRate, double probeRate, double queryRate,
                    Duration queryTime, List<Long> sizes, long rebuildAt, int syntheticMembers, double growthRate) {
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
                    Double.parseDouble(given.getOrDefault("fixed-rate", "80")),
                    Double.parseDouble(given.getOrDefault("probe-rate", "5")),
                    Double.parseDouble(given.getOrDefault("query-rate", "30")),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("query-seconds", "30"))),
                    java.util.Arrays.stream(given.getOrDefault("sizes", "10000,100000,1000000").split(","))
                            .map(String::trim).map(Long::parseLong).toList(),
                    Long.parseLong(given.getOrDefault("rebuild-at", "100000")),
                    Integer.parseInt(given.getOrDefault("synthetic-members", "5000")),
                    Double.parseDouble(given.getOrDefault("growth-rate", "0")));
            Map<String, String> known = new HashMap<>(given);
            List.of("stack-jar", "out", "infra-heap", "members", "users", "warmup-seconds", "saturation-seconds",
                    "fixed-seconds", "fixed-rate", "probe-rate", "query-rate", "query-seconds", "sizes", "rebuild-at",
                    "synthetic-members", "growth-rate").forEach(known::remove);
            if (!known.isEmpty()) {
                throw new IllegalArgumentException("unknown settings " + known.keySet());
            }
            return settings;
        }
    }
}
