package io.givefirst.bench;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** One rebuild of every projection through the admin API ({@code POST /admin/projections/rebuild}), timed to LIVE. */
record RebuildRun(long events, double rate, double writesPerEvent, List<String> perProjection) {

    static RebuildRun measure(Api api, BenchStack stack, long events) throws InterruptedException {
        Benchmark.log("rebuilding every projection from " + events + " events");
        double writesBefore = api.metric(stack.queryUrl(), "givefirst_projection_writes_total", "");
        long start = System.nanoTime();
        Api.Reply started = api.adminQueryPost("/admin/projections/rebuild", "{}");
        if (!started.ok()) {
            throw new IllegalStateException("rebuild answered " + started.status() + " " + started.body());
        }
        List<String> perProjection = new ArrayList<>();
        boolean done = false;
        while (!done) {
            Thread.sleep(250);
            done = true;
            perProjection.clear();
            for (JsonNode projection : api.adminQuery("/admin/projections").json()) {
                JsonNode rebuild = projection.path("rebuild");
                if ("FAILED".equals(rebuild.path("state").asString())) {
                    throw new IllegalStateException("rebuild failed: " + projection);
                }
                done &= present(rebuild.path("finishedAt")) && "LIVE".equals(projection.path("state").asString());
                perProjection.add(projection.path("name").asString() + " "
                        + Report.num(rebuild.path("eventsPerSecond").asDouble()));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double writes = api.metric(stack.queryUrl(), "givefirst_projection_writes_total", "") - writesBefore;
        RebuildRun run = new RebuildRun(events, events / seconds, writes / events, List.copyOf(perProjection));
        Benchmark.log("  %.0f events/s for all (%s); %.1f document writes per event, %.0f writes/s".formatted(
                run.rate(), String.join(", ", perProjection), run.writesPerEvent(), writes / seconds));
        return run;
    }

    private static boolean present(JsonNode field) {
        return !field.isNull() && !field.isMissingNode();
    }
}
