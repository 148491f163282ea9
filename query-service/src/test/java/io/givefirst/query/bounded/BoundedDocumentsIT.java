package io.givefirst.query.bounded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.givefirst.events.DomainEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.help.HelpKind;
import io.givefirst.events.meeting.MeetingFollowedUpEvent;
import io.givefirst.events.meeting.MeetingRecordedEvent;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.member.MemberLimits;
import io.givefirst.events.member.MemberProfileUpdatedEvent;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.query.QueryApiTestBase;
import io.givefirst.query.QueryServiceApplication;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.ReadModelCollections;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * One member does, on the stream, ten times what used to break a read model: 30 000 changes between two maximal
 * profiles (about 3 000 passed MongoDB's 16 MB document limit when every version was kept), thousands of follow-ups
 * of one meeting, help dated 1970. Published straight to the topic — the command API's quotas would refuse most of
 * it — to show the read models hold even when those quotas are bypassed (an older producer, a bug). Its own topic
 * and database, so the other tests' rebuilds do not replay all this.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {QueryServiceApplication.CONFIG_NAME, "givefirst.topic=" + BoundedDocumentsIT.BOUNDED_TOPIC,
                "givefirst.mongodb.database=bounded-it", "givefirst.leaderboard.refresh=PT0S"})
class BoundedDocumentsIT extends QueryApiTestBase {
    static final String BOUNDED_TOPIC = "bounded-it";
    private static final int PROFILE_CHANGES = 30_000;
    private static final int FOLLOW_UPS = 5_000;
    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
    @Autowired
    MongoDatabase readDatabase;
    @Autowired
    Generations generations;
    @Autowired
    List<io.givefirst.query.stream.Projection> projections;

    @BeforeAll
    static void boundedTopic() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", stack.broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(BOUNDED_TOPIC, 3, (short) 1))).all().get();
        }
    }

    private static EventEnvelope event(String aggregateId, String type, long sequence, DomainEvent payload) {
        return new EventEnvelope(aggregateId + "#" + sequence, "/test", aggregateId, type, sequence,
                payload.occurredAt().plusMillis(1), payload);
    }

    /** A profile as large as the limits allow, in characters that take three bytes each. */
    private static MemberProfileUpdatedEvent maximal(String member, char c, Instant at) {
        String s = String.valueOf(c);
        return new MemberProfileUpdatedEvent(member, s.repeat(MemberLimits.DISPLAY_NAME), s.repeat(MemberLimits.HEADLINE),
                IntStream.range(0, MemberLimits.INTERESTS).mapToObj(i -> i + s.repeat(MemberLimits.INTEREST - 3)).toList(), at);
    }

    @Test
    void oneMemberAtTenTimesTheWorstCaseLeavesEveryReadModelLiveAndCaughtUp() {
        String mallory = "mallory";
        String bob = "bob";
        List<EventEnvelope> events = new ArrayList<>();
        events.add(event(mallory, "Member", 0, new MemberJoinedEvent(mallory, "Mallory", "", List.of(), null, T0)));
        events.add(event(bob, "Member", 0, new MemberJoinedEvent(bob, "Bob", "", List.of(), null, T0)));
        for (int i = 1; i <= PROFILE_CHANGES; i++) {
            events.add(event(mallory, "Member", i, maximal(mallory, i % 2 == 0 ? '€' : '✓', T0.plusSeconds(i))));
        }
        events.add(event("m1", "Meeting", 0, new MeetingRecordedEvent("m1", mallory, bob, "", "", null, T0)));
        for (int i = 1; i <= FOLLOW_UPS; i++) {
            events.add(event("m1", "Meeting", i, new MeetingFollowedUpEvent("m1", mallory, bob, "again " + i,
                    T0.plusSeconds(i))));
        }
        events.add(event("h1970", "Help", 0, new HelpGivenEvent("h1970", mallory, bob, HelpKind.IDEA, "long ago",
                mallory, false, null, Instant.parse("1970-01-01T00:00:00Z"))));
        publish(BOUNDED_TOPIC, events);

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode status = json.readTree(http.get("/admin/projections", stack.issuer.adminTokenFor("ops")).body());
            assertThat(status).hasSize(projections.size()).allSatisfy(projection -> {
                assertThat(projection.get("state").asString()).as(projection.toString()).isEqualTo("LIVE");
                assertThat(projection.get("liveLag").asLong()).as(projection.toString()).isZero();
                assertThat(projection.get("deadLetters").asLong()).as(projection.toString()).isZero();
            });
        });
        JsonNode profile = get("/members/" + mallory, bob);
        assertThat(profile.get("displayName").asString()).isEqualTo("€".repeat(MemberLimits.DISPLAY_NAME));
        assertThat(get("/members/" + mallory + "/stats", mallory).get("followUps").asInt()).isEqualTo(FOLLOW_UPS);
        assertThat(get("/members/" + mallory + "/contributions?limit=1", mallory).get("items")).hasSize(1);

        // no document of any read model grew with her activity
        for (String collection : List.of("profiles", "member_stats", "contribution_history", "feed", "connections",
                "verified_help")) {
            String physical = ReadModelCollections.physicalName(collection, generations.live(projectionOf(collection)));
            for (Document document : readDatabase.getCollection(physical).find()) {
                int size = RawBsonDocument.parse(document.toJson()).getByteBuffer().remaining();
                assertThat(size).as(collection + " " + document.get("_id")).isLessThan(512 * 1024);
            }
        }
    }

    private static String projectionOf(String collection) {
        return switch (collection) {
            case "profiles" -> "member-profiles";
            case "member_stats" -> "member-stats";
            case "contribution_history" -> "contribution-history";
            case "verified_help" -> "leaderboard";
            default -> collection;
        };
    }
}
