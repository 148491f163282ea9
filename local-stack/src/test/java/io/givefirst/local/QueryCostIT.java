package io.givefirst.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.givefirst.local.infra.FreePorts;
import io.givefirst.local.infra.TestStack;
import io.givefirst.local.infra.costs.PlatformTour;
import io.givefirst.local.infra.costs.QueryCostCheck;
import io.givefirst.local.infra.costs.StoreFiller;
import io.givefirst.local.infra.mongo.QueryLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every query shape the platform issues — the relay's and the processes' tail reads, aggregate reads, the token
 * store, idempotency keys, directories, every read-model query — examines what it returns, not the collection:
 * both services run as processes on the embedded server, every screen and act is used once, every collection is
 * grown to 10 000 and then 100 000 documents, and the server's count of documents examined per query shape is
 * compared (benchmarks run the same check at 1 000 000). The table is written to
 * {@code target/query-costs.md}.
 */
class QueryCostIT {
    /** A page, ties and a tracking read's look-back second may examine this many documents beyond what they return. */
    private static final long SLACK = 100;
    private static final String LEADERBOARD =
            "the leaderboard ranks every verified help of its period, recomputed at most every 10 s per period (ADR 11)";
    /** The one read model that reads what it ranks (a period's help, or all of it); in the background, not per request. */
    static final Map<String, String> AGGREGATING = Map.of("verified_help {verifiedAt: {$gte: ?}}", LEADERBOARD,
            "verified_help {}", LEADERBOARD);

    @Test
    void whatAQueryExaminesDoesNotGrowWithTheCollections() throws Exception {
        TestStack stack = TestStack.dedicated();
        int commandPort = FreePorts.pick();
        int queryPort = FreePorts.pick();
        Path logs = Path.of("target", "service-logs", "query-costs");
        // a one-aggregate cache: nearly every command reads its aggregate from the store, the worst case
        Map<String, String> uncached = new java.util.HashMap<>(stack.serviceEnvironment());
        uncached.put("GIVEFIRST_AGGREGATE_CACHE_CAPACITY", "1");
        List<ServiceProcess> services = List.of(
                ServiceProcess.start("command-service", Path.of("target", "services", "command-service.jar"), commandPort,
                        uncached, logs),
                ServiceProcess.start("query-service", Path.of("target", "services", "query-service.jar"), queryPort,
                        stack.serviceEnvironment(), logs));
        try (MongoClient client = MongoClients.create(stack.mongo.uri(""))) {
            services.forEach(service -> service.awaitHealthy(Duration.ofMinutes(3)));
            PlatformTour tour = new PlatformTour("http://localhost:" + commandPort, "http://localhost:" + queryPort,
                    stack.issuer::tokenFor, stack.issuer.adminTokenFor("ops"));

            QueryCostCheck check = new QueryCostCheck(client, tour,
                    Set.of("projection_generations", "query_instances", "relay_lease", "unknown_event_types"), SLACK, AGGREGATING);
            tour.run("warm-"); // every collection exists

            StoreFiller.growTo(client, 10_000, check.small());
            Map<String, QueryLog.Shape> atSmall = check.measure("small-");
            Map<String, Long> sizes = StoreFiller.growTo(client, 100_000, check.small());
            Map<String, QueryLog.Shape> atLarge = check.measure("large-");

            List<String> report = check.report("10 000 each", atSmall, "100 000 each", atLarge);
            Files.write(Path.of("target", "query-costs.md"), report);
            assertThat(sizes).as("collections grown (an empty one has nothing to copy: no snapshots are taken)")
                    .containsKeys("givefirst-commands.domainevents", "givefirst-commands.idempotency_keys",
                            "givefirst-read.contribution_history")
                    .allSatisfy((collection, size) -> assertThat(size == 0 || size >= 100_000).as(collection + " " + size).isTrue());
            assertThat(sizes.entrySet().stream().filter(size -> size.getValue() == 0).map(Map.Entry::getKey))
                    .as("empty collections: no snapshots are taken, no command-side processor tracks (ADR 12), "
                            + "nothing is parked as a dead letter")
                    .isSubsetOf("givefirst-commands.snapshotevents", "givefirst-commands.trackingtokens",
                            "givefirst-read.dead_letters", "givefirst-commands.relay_dead_letters");
            assertThat(atLarge.keySet()).as("the tour reaches the store, the relay and the read models")
                    .anySatisfy(shape -> assertThat(shape).startsWith("domainevents {$and: [{aggregateIdentifier: ?}, "
                            + "{sequenceNumber: {$gte: ?}}]} sort {sequenceNumber: 1}"))
                    .anySatisfy(shape -> assertThat(shape).startsWith("snapshotevents {aggregateIdentifier: ?}"))
                    .anySatisfy(shape -> assertThat(shape).startsWith("domainevents {relayed: ?}"))
                    .anySatisfy(shape -> assertThat(shape).startsWith("contribution_history "));
            assertThat(check.problems(atSmall, atLarge)).as(String.join("\n", report)).isEmpty();
        } finally {
            services.forEach(ServiceProcess::stop);
            stack.stop();
        }
    }
}
