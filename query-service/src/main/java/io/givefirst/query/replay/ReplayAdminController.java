package io.givefirst.query.replay;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import io.givefirst.query.stream.DeadLetters;
import io.givefirst.query.stream.UnknownTypes;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Admins watch the projections and rebuild them without downtime. Requires the admin role. */
@RestController
@Tag(name = "Admin: replay", description = "Projection status, zero-downtime rebuilds, cancellation")
class ReplayAdminController {
    private final Rebuilds rebuilds;
    private final Generations generations;
    private final RebuildControl control;
    private final ConsumerGroupLag lag;
    private final DeadLetters deadLetters;
    private final UnknownTypes unknownTypes;

    ReplayAdminController(Rebuilds rebuilds, Generations generations, RebuildControl control, ConsumerGroupLag lag,
                          DeadLetters deadLetters, UnknownTypes unknownTypes) {
        this.rebuilds = rebuilds;
        this.generations = generations;
        this.control = control;
        this.lag = lag;
        this.deadLetters = deadLetters;
        this.unknownTypes = unknownTypes;
    }

    record PartitionProgress(int partition, long position, long end, long lag) {
    }

    record RebuildProgress(int generation, String state, Instant startedAt, Instant finishedAt, long eventsApplied,
                           double eventsPerSecond, Long etaSeconds, List<PartitionProgress> partitions, String error) {
    }

    /**
     * {@code state}: LIVE, REBUILDING, CANCELLED or FAILED; {@code liveLag}: events on the stream the live
     * consumer group has not committed yet (per partition in {@code livePartitions}); {@code rebuildingOn}: the
     * instance that holds the projection's rebuild lease, if any (building, or waiting for every instance to serve
     * the new generation); {@code rebuild}: the latest rebuild on this instance, if any, with its rate and ETA;
     * {@code deadLetters}: records it parked ({@code /admin/dead-letters}); {@code unknownEventTypes}: records of
     * types this version does not know that it passed over, by type (rebuilt by a version that knows them).
     */
    record ProjectionStatus(String name, String state, int liveGeneration, long liveLag,
                            List<PartitionProgress> livePartitions, Map<String, Integer> snapshots,
                            String rebuildingOn, RebuildProgress rebuild, long deadLetters,
                            Map<String, Long> unknownEventTypes) {
    }

    /** A query-service instance that reported within the lease, and the generation of each projection it serves. */
    record InstanceStatus(String instance, Instant startedAt, Instant heartbeat, Map<String, Object> serving) {
    }

    /**
     * @param projections which to rebuild; all when absent or empty
     * @param until       only events recorded up to then; the result is kept as {@code snapshot}, not made live
     * @param snapshot    the snapshot's name, queried with {@code ?snapshot=name}
     */
    record RebuildRequest(List<String> projections, Instant until, String snapshot) {
    }

    @Operation(summary = "Every projection: live generation and lag, and the progress of a rebuild")
    @GetMapping("/admin/projections")
    List<ProjectionStatus> status() {
        Map<String, Map<Integer, long[]>> liveLags = lag.of(rebuilds.names());
        return rebuilds.names().stream().map(name -> status(name, liveLags.getOrDefault(name, Map.of()))).toList();
    }

    @Operation(summary = "Rebuild all projections, or those named, from the start of the stream into new generations")
    @PostMapping("/admin/projections/rebuild")
    ResponseEntity<Map<String, Object>> rebuild(@RequestBody(required = false) RebuildRequest request) {
        List<String> started = request == null ? rebuilds.start(List.of())
                : rebuilds.start(request.projections(), request.until(), request.snapshot());
        return ResponseEntity.accepted().body(Map.of("rebuilding", started));
    }

    @Operation(summary = "Cancel running rebuilds; the live generations are untouched")
    @DeleteMapping("/admin/projections/rebuild")
    Map<String, Object> cancel() {
        return Map.of("cancelled", rebuilds.cancel());
    }

    @Operation(summary = "The query-service instances that are running, and which generation each one serves")
    @GetMapping("/admin/projections/instances")
    List<InstanceStatus> instances() {
        return generations.instances().stream().map(d -> new InstanceStatus(d.getString("_id"),
                d.getDate("startedAt").toInstant(), d.getDate("heartbeat").toInstant(),
                d.get("serving", Document.class))).toList();
    }

    private ProjectionStatus status(String name, Map<Integer, long[]> liveLag) {
        Document current = control.of(name);
        Rebuild rebuild = rebuilds.latest(name);
        String state = current.containsKey("building") ? "REBUILDING"
                : rebuild != null && rebuild.running() ? rebuild.state.name()
                : current.getString("state") == null ? "LIVE" : current.getString("state");
        List<PartitionProgress> live = partitions(liveLag);
        return new ProjectionStatus(name, state, generations.live(name),
                live.stream().mapToLong(PartitionProgress::lag).sum(), live, generations.snapshots(name),
                current.getString("owner"), rebuild == null ? null : progress(rebuild), deadLetters.count(name),
                unknownTypes.skippedBy(name));
    }

    /** (position, end) per partition → progress rows, by partition. */
    private static List<PartitionProgress> partitions(Map<Integer, long[]> positions) {
        return positions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new PartitionProgress(e.getKey(), e.getValue()[0], e.getValue()[1],
                        Math.max(0, e.getValue()[1] - e.getValue()[0]))).toList();
    }

    private static RebuildProgress progress(Rebuild rebuild) {
        List<PartitionProgress> partitions = partitions(rebuild.progress);
        Instant until = rebuild.finishedAt() == null ? Instant.now() : rebuild.finishedAt();
        double seconds = Math.max(0.001, Duration.between(rebuild.startedAt, until).toMillis() / 1000.0);
        double rate = rebuild.applied.get() / seconds;
        long remaining = partitions.stream().mapToLong(PartitionProgress::lag).sum();
        Long eta = rebuild.running() && rate > 0 ? Math.round(remaining / rate) : null;
        return new RebuildProgress(rebuild.generation, rebuild.state.name(), rebuild.startedAt, rebuild.finishedAt(),
                rebuild.applied.get(), Math.round(rate * 10) / 10.0, eta, partitions, rebuild.error);
    }
}
