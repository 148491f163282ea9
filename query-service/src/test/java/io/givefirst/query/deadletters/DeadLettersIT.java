package io.givefirst.query.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.givefirst.events.DomainEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.help.HelpKind;
import io.givefirst.events.meeting.MeetingRecordedEvent;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.wire.CloudEventHeaders;
import io.givefirst.events.wire.EventCodec;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.events.wire.EventTypes;
import io.givefirst.query.QueryApiTestBase;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.replay.Rebuilds;
import io.givefirst.query.stream.ReadModelCollections;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A record a projection cannot apply is retried a few times, then parked, while the rest of its partition flows;
 * admins list, retry and discard what is parked. Records of types this version does not know are counted, and a
 * version that learns such a type rebuilds what skipped it.
 */
class DeadLettersIT extends QueryApiTestBase {
    private static final EventCodec codec = new EventCodec();
    @Autowired
    MongoDatabase readDatabase;
    @Autowired
    Generations generations;
    @Autowired
    Rebuilds rebuilds;

    private final String p = "dl" + UUID.randomUUID().toString().substring(0, 6) + "-";

    private String admin() {
        return stack.issuer.adminTokenFor("ops");
    }

    /** Sends records in this order to one partition, as one aggregate's events would be. */
    private static void sendToPartitionZero(List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    private static ProducerRecord<String, byte[]> record(EventEnvelope event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, 0, event.aggregateId(), codec.value(event));
        codec.headers(event).forEach((k, v) -> record.headers().add(new RecordHeader(k, v)));
        return record;
    }

    private static ProducerRecord<String, byte[]> raw(String type, String id, String value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, 0, id, value.getBytes(StandardCharsets.UTF_8));
        record.headers().add(new RecordHeader(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static EventEnvelope event(String aggregateId, String type, DomainEvent payload) {
        return new EventEnvelope(aggregateId + "#0", "/test", aggregateId, type, 0, payload.occurredAt(), payload);
    }

    private static EventEnvelope help(String helpId, String giver, String receiver) {
        return event(helpId, "Help", new HelpGivenEvent(helpId, giver, receiver, HelpKind.IDEA, "An idea", giver, false,
                null, Instant.parse("2026-03-02T10:00:00Z")));
    }

    private List<JsonNode> letters(String projection) {
        var response = http.get("/admin/dead-letters?projection=" + projection + "&limit=1000", admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> letters = new ArrayList<>();
        json.readTree(response.body()).forEach(letters::add);
        return letters;
    }

    private JsonNode letterOf(String projection, String eventId) {
        return letters(projection).stream().filter(l -> eventId.equals(l.path("eventId").asString("")))
                .findFirst().orElse(null);
    }

    private JsonNode projectionStatus(String name) {
        for (JsonNode status : json.readTree(http.get("/admin/projections", admin()).body())) {
            if (status.get("name").asString().equals(name)) {
                return status;
            }
        }
        throw new AssertionError("no projection " + name);
    }

    @Test
    void aRecordThatCannotBeAppliedIsParkedTheRestFlowsAndARetryAppliesItOnceTheCauseIsFixed() {
        String giver = p + "giver";
        String receiver = p + "receiver";
        String other = p + "other";
        // a stats document an operator broke by hand: adding to it fails for as long as it stays broken
        MongoCollection<Document> stats = readDatabase.getCollection(
                ReadModelCollections.physicalName("member_stats", generations.live("member-stats")));
        String month = giver + "/2026-03"; // the member's stats of the month the help below was recorded in
        stats.insertOne(new Document("_id", month).append("memberId", giver).append("helpGiven", "broken by hand"));
        EventEnvelope poison = help(p + "h1", giver, receiver);
        sendToPartitionZero(List.of(record(poison), record(help(p + "h2", other, receiver))));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(get("/members/" + other + "/stats", other).at("/helpGiven/claimed").asInt())
                    .as("the record after the poison one was applied").isEqualTo(1);
            assertThat(letterOf("member-stats", poison.id())).as("parked").isNotNull();
        });
        JsonNode letter = letterOf("member-stats", poison.id());
        assertThat(letter.get("error").asString()).contains("$addToSet");
        assertThat(letter.get("partition").asInt()).isZero();
        assertThat(letter.get("type").asString()).isEqualTo(EventTypes.typeOf(HelpGivenEvent.class));
        assertThat(letterOf("contribution-history", poison.id())).as("other read models applied it").isNull();
        assertThat(get("/members/" + giver + "/contributions", giver).get("items")).hasSize(1);
        assertThat(projectionStatus("member-stats").get("deadLetters").asLong()).isPositive();
        assertThat(projectionStatus("member-stats").get("liveLag").asLong()).isZero();
        assertThat(http.get("/actuator/prometheus", null).body())
                .contains("givefirst_projection_dead_letters_total{projection=\"member-stats\"}");
        String id = letter.get("id").asString();
        assertThat(http.get("/admin/dead-letters", stack.issuer.tokenFor(giver)).statusCode())
                .as("members are not admins").isEqualTo(403);

        var stillBroken = http.post("/admin/dead-letters/" + id + "/retry", admin(), "");
        assertThat(stillBroken.statusCode()).as(stillBroken.body()).isEqualTo(409);
        assertThat(json.readTree(stillBroken.body()).get("rule").asString()).isEqualTo("dead-letter-still-failing");
        assertThat(letterOf("member-stats", poison.id()).get("parkings").asInt()).isGreaterThan(letter.get("parkings").asInt());

        stats.deleteOne(Filters.eq("_id", month));
        var retried = http.post("/admin/dead-letters/" + id + "/retry", admin(), "");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(get("/members/" + giver + "/stats", giver).at("/helpGiven/claimed").asInt()).isEqualTo(1);
        assertThat(get("/members/" + receiver + "/stats", receiver).at("/helpReceived/total").asInt()).isEqualTo(2);
        assertThat(letterOf("member-stats", poison.id())).as("no longer parked").isNull();
        JsonNode kept = json.readTree(http.get("/admin/dead-letters/" + id, admin()).body());
        assertThat(kept.at("/letter/status").asString()).isEqualTo("RETRIED");
        assertThat(kept.at("/letter/resolvedBy").asString()).isEqualTo("ops");
        var again = http.delete("/admin/dead-letters/" + id, admin());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json.readTree(again.body()).get("rule").asString()).isEqualTo("dead-letter-not-parked");
        var unknown = http.post("/admin/dead-letters/nothing-" + p + "/retry", admin(), "");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).get("rule").asString()).isEqualTo("unknown-dead-letter");
    }

    @Test
    void anUnreadableRecordIsParkedByEveryProjectionAndAnUnknownTypeIsCounted() {
        String unreadable = p + "unreadable";
        String futureType = "io.givefirst.future." + p.replace("-", "") + ".v1";
        String late = p + "late";
        sendToPartitionZero(List.of(
                raw(EventTypes.typeOf(HelpGivenEvent.class), unreadable, "{\"helpId\": "),
                raw(futureType, p + "future", "{}"),
                record(event(late, "Member", new MemberJoinedEvent(late, "Late Comer", "", List.of(), null,
                        Instant.parse("2026-03-02T10:00:00Z"))))));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(get("/members/" + late, late).get("displayName").asString()).isEqualTo("Late Comer");
            for (String projection : rebuilds.names()) {
                assertThat(letterOf(projection, unreadable)).as(projection).isNotNull();
                assertThat(projectionStatus(projection).get("unknownEventTypes").path(futureType).asLong())
                        .as(projection + " counted the record of an unknown type").isPositive();
            }
        });
        JsonNode letter = letterOf("member-profiles", unreadable);
        assertThat(letter.get("error").asString()).contains("cannot read");

        var discarded = http.delete("/admin/dead-letters/" + letter.get("id").asString(), admin());
        assertThat(discarded.statusCode()).as(discarded.body()).isEqualTo(200);
        assertThat(letterOf("member-profiles", unreadable)).isNull();
        assertThat(letterOf("feed", unreadable)).as("each projection's letter is its own").isNotNull();
        JsonNode kept = json.readTree(http.get("/admin/dead-letters/" + letter.get("id").asString(), admin()).body());
        assertThat(kept.at("/letter/status").asString()).isEqualTo("DISCARDED");
        assertThat(kept.get("value").asString()).isEqualTo("{\"helpId\": ");
        assertThat(http.get("/admin/dead-letters?projection=nope", admin()).statusCode()).isEqualTo(400);
    }

    /**
     * A rebuild meets the same poison record the live consumer parked: it parks it again, as a letter of the
     * generation it builds, goes on past it and goes live; the letters of the generation it replaced go.
     */
    @Test
    void aRebuildParksWhatItCannotReadInItsOwnGenerationAndGoesLive() {
        String unreadable = p + "unreadable-again";
        String after = p + "after";
        sendToPartitionZero(List.of(
                raw(EventTypes.typeOf(HelpGivenEvent.class), unreadable, "{\"helpId\": "),
                record(event(after, "Member", new MemberJoinedEvent(after, "After Poison", "", List.of(), null,
                        Instant.parse("2026-03-02T10:00:00Z"))))));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(letterOf("member-profiles", unreadable)).as("parked live").isNotNull();
            assertThat(letterOf("member-profiles", unreadable).get("generation").isNull()).isTrue();
        });
        int before = generations.live("member-profiles");

        assertThat(rebuilds.start(List.of("member-profiles"))).containsExactly("member-profiles");

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(generations.live("member-profiles")).as("the rebuilt generation went live").isGreaterThan(before);
            JsonNode letter = letterOf("member-profiles", unreadable);
            assertThat(letter).as("parked by the rebuild").isNotNull();
            assertThat(letter.get("generation").asInt()).isEqualTo(generations.live("member-profiles"));
            JsonNode status = projectionStatus("member-profiles");
            assertThat(status.path("rebuildingOn").isNull() || status.path("rebuildingOn").isMissingNode())
                    .as("the rebuild finished: every instance serves its generation, the old one is gone").isTrue();
        });
        assertThat(get("/members/" + after, after).get("displayName").asString())
                .as("the record after the poison one is in the rebuilt read model").isEqualTo("After Poison");
        assertThat(letters("member-profiles").stream().filter(l -> unreadable.equals(l.path("eventId").asString("")))
                .map(l -> l.get("generation").isNull() ? -1 : l.get("generation").asInt()).toList())
                .as("the live consumer's letter went with the generation it was parked for")
                .containsOnly(generations.live("member-profiles"));
    }

    /** Limits live in requests and aggregates: an event accepted when a limit was looser is applied as it is. */
    @Test
    void anEventAcceptedUnderALooserLimitIsApplied() {
        String giver = p + "teller";
        String summary = "a long story ".repeat(120).strip();
        assertThat(summary.length()).isGreaterThan(HelpGivenEvent.SUMMARY_MAX);
        EventEnvelope older = event(p + "long", "Help", new HelpGivenEvent(p + "long", giver, p + "listener",
                HelpKind.IDEA, summary, giver, false, null, Instant.parse("2026-03-02T10:00:00Z")));
        sendToPartitionZero(List.of(record(older)));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                get("/members/" + giver + "/contributions", giver).at("/items/0/summary").asString()).isEqualTo(summary));
        for (String projection : rebuilds.names()) {
            assertThat(letterOf(projection, older.id())).as(projection).isNull();
        }
    }

    @Test
    void aVersionThatLearnsATypeItSkippedRebuildsTheReadModelsThatSkippedIt() {
        // what an older version recorded: the feed passed over two records of a type it did not know then
        String learned = EventTypes.typeOf(MeetingRecordedEvent.class);
        MongoCollection<Document> unknown = readDatabase.getCollection("unknown_event_types");
        unknown.insertOne(new Document("_id", learned).append("skipped", new Document("feed", 2)));
        int before = generations.live("feed");
        int stats = generations.live("member-stats");

        // what a query-service that knows the type does when it starts (Rebuilds.atStart)
        assertThat(rebuilds.rebuildWhatSkippedKnownTypes()).containsExactly("feed");

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            JsonNode feed = projectionStatus("feed");
            assertThat(feed.get("liveGeneration").asInt()).isGreaterThan(before);
            assertThat(feed.get("state").asString()).isEqualTo("LIVE");
            assertThat(feed.path("rebuildingOn").isNull() || feed.path("rebuildingOn").isMissingNode())
                    .as("the switch is finished").isTrue();
            assertThat(feed.get("unknownEventTypes").has(learned)).isFalse();
        });
        assertThat(generations.live("member-stats")).as("only what skipped it is rebuilt").isEqualTo(stats);
    }
}
