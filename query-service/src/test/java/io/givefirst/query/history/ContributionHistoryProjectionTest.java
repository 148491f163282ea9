package io.givefirst.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.givefirst.events.DomainEvent;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.help.HelpKind;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.local.infra.MongoWireServer;
import io.givefirst.query.stream.EventDecoder;
import io.givefirst.query.stream.ProjectionLag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka delivers at least once and orders events only within an aggregate's partition. Whatever the
 * interleaving across aggregates, and however often an event comes again, the read model must end as one
 * clean, in-order delivery leaves it.
 */
class ContributionHistoryProjectionTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static MongoWireServer mongo;
    private static MongoClient client;

    @BeforeAll
    static void startStore() {
        mongo = MongoWireServer.inMemory().start();
        client = MongoClients.create(mongo.uri(""));
    }

    @AfterAll
    static void stopStore() {
        client.close();
        mongo.close();
    }

    /** The walking skeleton's story, as each aggregate's stream: events of one stream keep their order. */
    private static List<List<EventEnvelope>> streams() {
        return List.of(
                List.of(envelope("alice", "Member", 0, new MemberJoinedEvent("alice", "Alice", "", List.of(), T0))),
                List.of(envelope("bob", "Member", 0, new MemberJoinedEvent("bob", "Bob", "", List.of(), T0))),
                List.of(envelope("h1", "Help", 0, new HelpGivenEvent("h1", "alice", "bob", HelpKind.FEEDBACK,
                                "Notes on the deck", "alice", false, null, T0.plusSeconds(60))),
                        envelope("h1", "Help", 1, new HelpAcknowledgedEvent("h1", "alice", "bob", "Thanks!",
                                T0.plusSeconds(120)))),
                List.of(envelope("h2", "Help", 0, new HelpGivenEvent("h2", "bob", "alice", HelpKind.IDEA,
                        "A venue idea", "bob", false, null, T0.plusSeconds(90)))));
    }

    private static EventEnvelope envelope(String aggregateId, String type, long sequence, DomainEvent payload) {
        return new EventEnvelope(aggregateId + "#" + sequence, "/test", aggregateId, type, sequence,
                payload.occurredAt().plusMillis(5), payload);
    }

    private static final java.util.concurrent.atomic.AtomicInteger databases = new java.util.concurrent.atomic.AtomicInteger();

    private Map<String, List<Document>> build(List<List<EventEnvelope>> batches) {
        MongoDatabase database = client.getDatabase("history-" + databases.incrementAndGet());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ContributionHistoryProjection projection = new ContributionHistoryProjection(
                new ContributionHistoryRepository(database), new EventDecoder(meters), new ProjectionLag(meters));
        batches.forEach(projection::apply);
        return Map.of(
                ContributionHistoryRepository.ENTRIES, all(database, ContributionHistoryRepository.ENTRIES),
                ContributionHistoryRepository.MEMBERS, all(database, ContributionHistoryRepository.MEMBERS));
    }

    private static List<Document> all(MongoDatabase database, String collection) {
        return database.getCollection(collection).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    private static List<EventEnvelope> inOrder() {
        return streams().stream().flatMap(List::stream).toList();
    }

    @Test
    void everyInterleavingThePartitionsAllowConvergesToTheCleanBuild() {
        Map<String, List<Document>> clean = build(List.of(inOrder()));
        assertThat(clean.get(ContributionHistoryRepository.ENTRIES)).hasSize(4);

        List<List<EventEnvelope>> orders = new ArrayList<>();
        interleavings(streams(), new int[streams().size()], new ArrayList<>(), orders);
        assertThat(orders).hasSize(60); // 5! / 2! — the acknowledgement always follows its help
        for (List<EventEnvelope> order : orders) {
            assertThat(build(List.of(order))).isEqualTo(clean);
        }
    }

    @Test
    void redeliveredEventsInRandomBatchesChangeNothing() {
        Map<String, List<Document>> clean = build(List.of(inOrder()));
        Random random = new Random(42);
        for (int run = 0; run < 20; run++) {
            List<EventEnvelope> deliveries = new ArrayList<>(inOrder());
            deliveries.addAll(random.nextInt(deliveries.size()), inOrder().subList(0, 1 + random.nextInt(4)));
            deliveries.addAll(inOrder());
            assertThat(build(randomBatches(deliveries, random))).isEqualTo(clean);
        }
    }

    @Test
    void evenAnAcknowledgementBeforeItsHelpConverges() {
        List<EventEnvelope> reversed = new ArrayList<>(inOrder());
        Collections.reverse(reversed);
        assertThat(build(List.of(reversed))).isEqualTo(build(List.of(inOrder())));
    }

    @Test
    void anOlderNameNeverOverwritesANewerOne() {
        EventEnvelope older = envelope("alice", "Member", 0, new MemberJoinedEvent("alice", "Alice", "", List.of(), T0));
        EventEnvelope newer = envelope("alice", "Member", 3, new MemberJoinedEvent("alice", "Alice B.", "", List.of(), T0));
        Map<String, List<Document>> built = build(List.of(List.of(newer), List.of(older)));
        assertThat(built.get(ContributionHistoryRepository.MEMBERS)).singleElement()
                .satisfies(d -> assertThat(d.getString("displayName")).isEqualTo("Alice B."));
    }

    private static List<List<EventEnvelope>> randomBatches(List<EventEnvelope> deliveries, Random random) {
        List<List<EventEnvelope>> batches = new ArrayList<>();
        int from = 0;
        while (from < deliveries.size()) {
            int to = Math.min(deliveries.size(), from + 1 + random.nextInt(4));
            batches.add(deliveries.subList(from, to));
            from = to;
        }
        return batches;
    }

    private static void interleavings(List<List<EventEnvelope>> streams, int[] next, List<EventEnvelope> prefix,
                                      List<List<EventEnvelope>> out) {
        boolean any = false;
        for (int s = 0; s < streams.size(); s++) {
            if (next[s] < streams.get(s).size()) {
                any = true;
                prefix.add(streams.get(s).get(next[s]++));
                interleavings(streams, next, prefix, out);
                next[s]--;
                prefix.remove(prefix.size() - 1);
            }
        }
        if (!any) {
            out.add(List.copyOf(prefix));
        }
    }
}
