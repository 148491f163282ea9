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
import java.util.function.ToDoubleFunction;

/**
 * Two builds of the embedded default side by side — a baseline and a candidate, say the commit before a change and
 * the change — on the same machine in the same hour. Each round starts each build afresh on an empty store and
 * measures ingest at saturation (commands/s and CPU per command over all processes) and rebuilds of every projection
 * from what was ingested. The builds alternate which goes first, round by round: this machine's speed drifts by tens
 * of percent within minutes (docs/benchmarks.md), so one pair of runs cannot show a 10% difference, while the median
 * of each round's candidate/baseline ratio can.
 *
 * <pre>java -cp benchmarks/target/givefirst-benchmarks.jar -Dloader.main=io.givefirst.bench.StackComparison \
 *   org.springframework.boot.loader.launch.PropertiesLauncher --baseline=OTHER/local-stack/target/givefirst-local.jar</pre>
 */
public final class StackComparison {

    /** What one build did in one round. */
    record Run(String build, int round, double commandsPerSecond, double eventsPerSecond, double cpuMsPerCommand,
               long events, List<Double> rebuildRates) {
        double rebuildRate() {
            return median(rebuildRates);
        }
    }

    record Settings(Path baseline, Path candidate, Path out, String infraHeap, int rounds, int members, int users,
                    Duration warmup, Duration saturation, int rebuilds) {
        static Settings from(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("settings are --name=value, not " + arg);
                }
                given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            if (!given.containsKey("baseline")) {
                throw new IllegalArgumentException("--baseline=<the other build's local-stack jar> is required");
            }
            Settings settings = new Settings(Path.of(given.remove("baseline")),
                    Path.of(orDefault(given, "candidate", "local-stack/target/givefirst-local.jar")),
                    Path.of(orDefault(given, "out", "benchmarks/target/stack-comparison.md")),
                    orDefault(given, "infra-heap", "2g"),
                    Integer.parseInt(orDefault(given, "rounds", "3")),
                    Integer.parseInt(orDefault(given, "members", "200")),
                    Integer.parseInt(orDefault(given, "users", "16")),
                    Duration.ofSeconds(Long.parseLong(orDefault(given, "warmup-seconds", "20"))),
                    Duration.ofSeconds(Long.parseLong(orDefault(given, "saturation-seconds", "60"))),
                    Integer.parseInt(orDefault(given, "rebuilds", "2")));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown settings " + given.keySet());
            }
            return settings;
        }

        private static String orDefault(Map<String, String> given, String name, String value) {
            String set = given.remove(name);
            return set == null ? value : set;
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.from(args);
        String machine = Machine.describe();
        Benchmark.log("machine: " + machine);
        Benchmark.log("settings: " + settings);
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            boolean baselineFirst = round % 2 == 1;
            for (String build : baselineFirst ? List.of("baseline", "candidate") : List.of("candidate", "baseline")) {
                runs.add(measure(settings, build, round));
            }
        }
        String result = "# Stack comparison, " + Instant.now() + "\n\n" + machine + "\n\n" + settings + "\n\n"
                + table(runs, settings.rounds());
        System.out.println();
        System.out.println(result);
        Files.createDirectories(settings.out().toAbsolutePath().getParent());
        Files.writeString(settings.out(), result);
        Benchmark.log("written to " + settings.out().toAbsolutePath());
        System.exit(0);
    }

    private static Run measure(Settings settings, String build, int round) throws Exception {
        Path jar = build.equals("baseline") ? settings.baseline() : settings.candidate();
        Benchmark.log("round " + round + ", " + build + ": " + jar);
        try (BenchStack stack = BenchStack.start(jar, settings.infraHeap());
             MongoClient mongo = MongoClients.create(stack.mongoUri())) {
            Api api = new Api(stack);
            Waits waits = new Waits(api, stack, mongo);
            List<String> members = api.joinMembers(settings.members());
            new Ingest(api, members).closedLoop(settings.users(), settings.warmup());
            waits.relayCaughtUp();

            SaturationRun saturation = SaturationRun.measure(api, stack, waits, members, settings.users(),
                    settings.saturation());
            waits.relayCaughtUp();
            long events = waits.storeCount();
            waits.projectionsCaughtUp(events + " stored events");
            List<Double> rebuilds = new ArrayList<>();
            for (int i = 0; i < settings.rebuilds(); i++) {
                rebuilds.add(RebuildRun.measure(api, stack, events).rate());
            }
            return new Run(build, round, saturation.commandsPerSecond(), saturation.eventsPerSecond(),
                    saturation.cpuMsPerCommand(), events, rebuilds);
        }
    }

    static String table(List<Run> runs, int rounds) {
        StringBuilder out = new StringBuilder("| round | build | commands/s at saturation | events/s | CPU per command"
                + " (all processes) | events rebuilt | rebuild, events/s |\n|---|---|---|---|---|---|---|\n");
        for (Run run : runs) {
            out.append("| %d | %s | %s | %s | %.2f ms | %d | %s |\n".formatted(run.round(), run.build(),
                    Report.num(run.commandsPerSecond()), Report.num(run.eventsPerSecond()), run.cpuMsPerCommand(),
                    run.events(), String.join(" / ", run.rebuildRates().stream().map(Report::num).toList())));
        }
        out.append("\nCandidate against baseline (median over the rounds of each round's ratio; + is more):\n\n");
        out.append(change(runs, rounds, "commands/s at saturation", Run::commandsPerSecond));
        out.append(change(runs, rounds, "CPU per command", Run::cpuMsPerCommand));
        out.append(change(runs, rounds, "rebuild events/s", Run::rebuildRate));
        return out.toString();
    }

    private static String change(List<Run> runs, int rounds, String figure, ToDoubleFunction<Run> value) {
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            final int r = round;
            double baseline = runs.stream().filter(x -> x.round() == r && x.build().equals("baseline"))
                    .mapToDouble(value).findFirst().orElseThrow();
            double candidate = runs.stream().filter(x -> x.round() == r && x.build().equals("candidate"))
                    .mapToDouble(value).findFirst().orElseThrow();
            ratios.add(candidate / baseline - 1);
        }
        return "- %s: %+.1f%% (rounds: %s)\n".formatted(figure, 100 * median(ratios),
                String.join(", ", ratios.stream().map(x -> "%+.1f%%".formatted(100 * x)).toList()));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
