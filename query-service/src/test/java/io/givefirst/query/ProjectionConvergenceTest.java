package io.givefirst.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.local.infra.MongoWireServer;
import io.givefirst.query.connections.ConnectionsProjection;
import io.givefirst.query.consistency.StreamPositionsProjection;
import io.givefirst.query.feed.FeedProjection;
import io.givefirst.query.history.ContributionHistoryProjection;
import io.givefirst.query.leaderboard.LeaderboardProjection;
import io.givefirst.query.notifications.NotificationsProjection;
import io.givefirst.query.profile.ProfileProjection;
import io.givefirst.query.stats.MemberStatsProjection;
import io.givefirst.query.stream.DeadLetters;
import io.givefirst.query.stream.EventDecoder;
import io.givefirst.query.stream.EventStream;
import io.givefirst.query.stream.Projection;
import io.givefirst.query.stream.ReadModelCollections;
import io.givefirst.query.stream.StreamPosition;
import io.givefirst.query.stream.UnknownTypes;
import java.time.Clock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kafka delivers at least once and orders events only within an aggregate's partition. For every read model:
 * whatever the interleaving across aggregates, however often events come again, and in whatever batches, the
 * documents end exactly as one clean, in-order delivery leaves them.
 */
class ProjectionConvergenceTest {
    private static final int RUNS = 60;
    private static final AtomicInteger databases = new AtomicInteger();
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

    static Stream<Arguments> projections() {
        return Stream.of(
                Arguments.of("contribution-history", (BiFunction<ReadModelCollections, EventStream, Projection>) ContributionHistoryProjection::new),
                Arguments.of("member-profiles", (BiFunction<ReadModelCollections, EventStream, Projection>) ProfileProjection::new),
                Arguments.of("member-stats", (BiFunction<ReadModelCollections, EventStream, Projection>) MemberStatsProjection::new),
                Arguments.of("connections", (BiFunction<ReadModelCollections, EventStream, Projection>) ConnectionsProjection::new),
                Arguments.of("leaderboard", (BiFunction<ReadModelCollections, EventStream, Projection>) LeaderboardProjection::new),
                Arguments.of("feed", (BiFunction<ReadModelCollections, EventStream, Projection>) FeedProjection::new),
                Arguments.of("notifications", (BiFunction<ReadModelCollections, EventStream, Projection>) NotificationsProjection::new),
                Arguments.of("stream-positions", (BiFunction<ReadModelCollections, EventStream, Projection>) StreamPositionsProjection::new));
    }

    private static Map<String, List<Document>> build(BiFunction<ReadModelCollections, EventStream, Projection> factory,
                                                     List<List<EventEnvelope>> batches, List<EventEnvelope> topic) {
        MongoDatabase database = client.getDatabase("convergence-" + databases.incrementAndGet());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Projection projection = factory.apply(ReadModelCollections.in(database),
                new EventStream(new EventDecoder(new UnknownTypes(database, meters, Clock.systemUTC())),
                        new io.givefirst.query.stream.ProjectionLag(meters), new DeadLetters(database, meters, Clock.systemUTC())));
        Map<String, StreamPosition> positions = positions(topic);
        batches.forEach(batch -> {
            List<StreamPosition> at = batch.stream().map(event -> positions.get(event.id())).toList();
            projection.apply(batch, at);
            projection.markApplied(at.stream().collect(java.util.stream.Collectors.toMap(StreamPosition::partition,
                    StreamPosition::offset, Math::max)));
        });
        Map<String, List<Document>> documents = new LinkedHashMap<>();
        for (String collection : projection.collections()) {
            documents.put(collection, ReadModelDocuments.all(database.getCollection(collection)));
        }
        return documents;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void interleavingsAcrossPartitionsConverge(String name, BiFunction<ReadModelCollections, EventStream, Projection> factory) {
        Story story = new Story("s-");
        Map<String, List<Document>> clean = build(factory, List.of(story.inOrder()), story.inOrder());
        assertThat(clean.values()).as(name + " builds something").anySatisfy(docs -> assertThat(docs).isNotEmpty());
        Random random = new Random(7);
        for (int run = 0; run < RUNS; run++) {
            List<EventEnvelope> order = interleave(story.streams(), random);
            assertThat(build(factory, batches(order, random), story.inOrder())).as(name + " run " + run).isEqualTo(clean);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void redeliveriesChangeNothing(String name, BiFunction<ReadModelCollections, EventStream, Projection> factory) {
        Story story = new Story("s-");
        Map<String, List<Document>> clean = build(factory, List.of(story.inOrder()), story.inOrder());
        Random random = new Random(11);
        for (int run = 0; run < RUNS; run++) {
            List<EventEnvelope> deliveries = new ArrayList<>(interleave(story.streams(), random));
            // a consumer that crashed before committing reads a stretch again; a republish sends it all again
            int from = random.nextInt(deliveries.size());
            deliveries.addAll(random.nextInt(deliveries.size()), List.copyOf(deliveries.subList(from,
                    Math.min(deliveries.size(), from + 1 + random.nextInt(10)))));
            deliveries.addAll(story.inOrder());
            assertThat(build(factory, batches(deliveries, random), story.inOrder())).as(name + " run " + run).isEqualTo(clean);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void evenAnyOrderWithinAnAggregateConverges(String name, BiFunction<ReadModelCollections, EventStream, Projection> factory) {
        Story story = new Story("s-");
        Map<String, List<Document>> clean = build(factory, List.of(story.inOrder()), story.inOrder());
        Random random = new Random(13);
        for (int run = 0; run < 10; run++) {
            List<EventEnvelope> shuffled = new ArrayList<>(story.inOrder());
            Collections.shuffle(shuffled, random);
            assertThat(build(factory, batches(shuffled, random), story.inOrder())).as(name + " run " + run).isEqualTo(clean);
        }
    }

    /**
     * Where each event is on the topic: its aggregate's partition (of 3), at the next offset of that partition — a
     * redelivery is the same record, at the same position, however the deliveries are interleaved.
     */
    private static Map<String, StreamPosition> positions(List<EventEnvelope> topic) {
        Map<String, StreamPosition> positions = new LinkedHashMap<>();
        Map<Integer, Long> next = new LinkedHashMap<>();
        topic.forEach(event -> positions.computeIfAbsent(event.id(), id -> {
            int partition = Math.floorMod(event.aggregateId().hashCode(), 3);
            return new StreamPosition(partition, next.merge(partition, 1L, Long::sum));
        }));
        return positions;
    }

    /** A random merge of the streams that keeps each stream's own order. */
    private static List<EventEnvelope> interleave(List<List<EventEnvelope>> streams, Random random) {
        List<Integer> next = new ArrayList<>(Collections.nCopies(streams.size(), 0));
        List<EventEnvelope> merged = new ArrayList<>();
        int total = streams.stream().mapToInt(List::size).sum();
        while (merged.size() < total) {
            int s = random.nextInt(streams.size());
            if (next.get(s) < streams.get(s).size()) {
                merged.add(streams.get(s).get(next.get(s)));
                next.set(s, next.get(s) + 1);
            }
        }
        return merged;
    }

    private static List<List<EventEnvelope>> batches(List<EventEnvelope> deliveries, Random random) {
        List<List<EventEnvelope>> batches = new ArrayList<>();
        int from = 0;
        while (from < deliveries.size()) {
            int to = Math.min(deliveries.size(), from + 1 + random.nextInt(8));
            batches.add(deliveries.subList(from, to));
            from = to;
        }
        return batches;
    }
}
