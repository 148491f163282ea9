package io.givefirst.bench;

import io.givefirst.local.infra.costs.QueryCostCheck;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The report's rows for the figures measured at each store size, with the targets that compare sizes. */
record SizeRows(Report report, Benchmark.Settings settings) {

    void add(List<AtSize> sizes, Latencies roundTrips, QueryCostCheck costs) {
        AtSize first = sizes.get(0);
        AtSize last = sizes.get(sizes.size() - 1);
        String growth = "p99 at %s ≤ 1.5× at %s".formatted(Report.num(last.events()), Report.num(first.events()));

        report.row("3. commands at a fixed offered load of " + Report.num(settings.fixedRate()) + " commands/s (open loop), by stored events",
                each(sizes, s -> "p50 %s ms, p99 %s ms (%d refused)".formatted(Report.num(s.commands().ms(50)),
                        Report.num(s.commands().ms(99)), s.refused())),
                "—", growth, verdict(last.commands().ms(99), first.commands().ms(99)));
        Latencies lastFresh = last.freshness().latencies;
        boolean fresh = lastFresh.ms(99) <= 5 * roundTrips.ms(99);
        report.row("3. freshness: command acknowledged → in the contribution history, by stored events",
                each(sizes, s -> "p50 %s ms, p99 %s ms".formatted(Report.num(s.freshness().latencies.ms(50)),
                        Report.num(s.freshness().latencies.ms(99)))),
                "p50 %s ms, p99 %s ms (produce → consume, %d records)".formatted(Report.num(roundTrips.ms(50)),
                        Report.num(roundTrips.ms(99)), roundTrips.count()),
                growth + "; p99 ≤ 5× bare",
                verdict(lastFresh.ms(99), first.freshness().latencies.ms(99)) + "; " + Report.met(fresh) + " ("
                        + Report.num(lastFresh.ms(99) / roundTrips.ms(99)) + "× bare at " + Report.num(last.events()) + ")");
        report.row("3. freshness, split where a bare consumer tailing the topic receives the event: command answered → "
                        + "on the topic (relay + Kafka) and on the topic → seen in a read (query side)",
                each(sizes, s -> "to the topic p50 %s / p99 %s ms, query side p50 %s / p99 %s ms".formatted(
                        Report.num(s.freshness().relayPart.ms(50)), Report.num(s.freshness().relayPart.ms(99)),
                        Report.num(s.freshness().queryPart.ms(50)), Report.num(s.freshness().queryPart.ms(99)))),
                "—", "—", "—");
        throughputAndResources(sizes);
        List<String> problems = costs.problems(first.costs(), last.costs());
        report.row("7. documents examined per query shape (" + last.costs().size() + " shapes; table below)",
                problems.isEmpty() ? "none grows from %s to %s events".formatted(Report.num(first.events()),
                        Report.num(last.events())) : String.join("; ", problems),
                "—", "≤ returned + " + costs.slack() + ", not growing", Report.met(problems.isEmpty()));
    }

    /** Catch-up, query latencies, start-up and resources at each size: figures with no target across sizes. */
    private void throughputAndResources(List<AtSize> sizes) {
        report.row("4. relay catch-up: synthetic events appended to the store, until all are published and applied",
                each(sizes, s -> "appended %s/s, published %s/s, applied by the read models %s/s".formatted(
                        Report.num(s.appendRate()), Report.num(s.relayRate()), Report.num(s.projectionRate()))),
                "—", "—", "—");
        for (String screen : AtSize.SCREENS.keySet()) {
            report.row("4. query " + screen + " at " + Report.num(settings.queryRate()) + " requests/s (all screens)",
                    each(sizes, s -> "p50 %s ms, p99 %s ms".formatted(Report.num(s.queries().get(screen).ms(50)),
                            Report.num(s.queries().get(screen).ms(99)))),
                    "—", "—", "—");
        }
        report.row("6. start-up: the whole stack restarted on the store, until both services answer healthy",
                each(sizes, s -> Report.num(s.startup().toMillis() / 1000.0) + " s"), "—", "—", "—");
        report.row("6. peak RSS (since that start-up)", each(sizes, s -> s.peakRss().entrySet().stream()
                .map(e -> e.getKey().replaceAll(" \\(.*", "") + " " + e.getValue() + " MiB")
                .collect(Collectors.joining(", "))), "—", "—", "—");
        report.row("6. the embedded MongoDB's data file on disk (H2 MVStore), after each size's runs",
                each(sizes, s -> Report.num(s.storeFileMib()) + " MiB"), "—", "—", "—");
    }

    private static String each(List<AtSize> sizes, Function<AtSize, String> figure) {
        return sizes.stream().map(s -> Report.num(s.events()) + ": " + figure.apply(s)).collect(Collectors.joining("; "));
    }

    private static String verdict(double last, double first) {
        return Report.met(last <= 1.5 * first) + " (" + Report.num(last / first) + "×)";
    }
}
