package io.givefirst.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.givefirst.command.CommandServiceApplication;
import io.givefirst.command.support.OpenedRecords;
import io.givefirst.events.privacy.Sealing;
import io.givefirst.local.infra.Http;
import io.givefirst.local.infra.TestStack;
import io.givefirst.local.infra.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The store is the outbox: while Kafka is away events wait in the store, unrelayed, and none is skipped. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {CommandServiceApplication.CONFIG_NAME, "givefirst.mongodb.database=relay-it"})
@DirtiesContext
class RelayIT {
    private static final TestStack stack = TestStack.dedicated();
    private static final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        stack.serviceEnvironment().forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stopStack() {
        stack.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoClient mongo;
    @Autowired
    Sealing sealing;
    @Value("${givefirst.relay.topic}")
    String topic;

    private MongoCollection<Document> store() {
        return mongo.getDatabase("relay-it").getCollection("domainevents");
    }

    @Test
    void anEventStoredWhileTheBrokerIsDownReachesKafkaWhenItIsBack() {
        Http http = new Http("http://localhost:" + port);
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        http.post("/members", stack.issuer.tokenFor(alice), "{\"displayName\":\"Alice\"}");
        http.post("/members", stack.issuer.tokenFor(bob), "{\"displayName\":\"Bob\"}");
        try (TopicReader reader = new TopicReader(stack.broker.bootstrapServers(), topic)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(reader.poll()).extracting(ConsumerRecord::key).contains(alice, bob));
        }

        stack.broker.stop();
        var response = http.post("/help", stack.issuer.tokenFor(alice),
                "{\"receiverId\":\"" + bob + "\",\"kind\":\"RESOURCE\",\"summary\":\"A reading list\"}");
        assertThat(response.statusCode()).as("the store accepts commands while Kafka is down").isEqualTo(201);
        String helpId = json.readTree(response.body()).get("helpId").asString();
        var health = http.get("/actuator/health", stack.issuer.adminTokenFor("ops"));
        assertThat(health.statusCode()).as("not healthy without Kafka").isEqualTo(503);
        assertThat(json.readTree(health.body()).at("/components/kafka/status").asString()).isEqualTo("DOWN");
        // the relay keeps trying; the event stays on its list until Kafka has acknowledged it
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> !relayed(helpId));
        assertThat(lagSeconds(http)).as("the lag shows the waiting event").isPositive();

        stack.broker.start();
        try (TopicReader reader = new TopicReader(stack.broker.bootstrapServers(), topic)) {
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                List<ConsumerRecord<String, byte[]>> records = reader.poll();
                assertThat(records).extracting(ConsumerRecord::key).contains(alice, bob, helpId);
                ConsumerRecord<String, byte[]> help = records.stream().filter(r -> r.key().equals(helpId)).findFirst()
                        .orElseThrow();
                String stored = json.readTree(String.valueOf(store().find(Filters.eq("aggregateIdentifier", helpId))
                        .first().get("serializedPayload"))).get("summary").asString();
                assertThat(json.readTree(help.value()).get("summary").asString())
                        .as("the stored sealed value passes as it is: the relay opens nothing").isEqualTo(stored)
                        .doesNotContain("reading");
            });
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> relayed(helpId));
        await().atMost(Duration.ofSeconds(30)).until(() -> lagSeconds(http) == 0);
    }

    @Test
    void anAuditFindsAnEventMarkedRelayedThatIsNotOnTheTopicAndRepublishesIt() {
        Http http = new Http("http://localhost:" + port);
        String carol = "carol-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(1);
        http.post("/members", stack.issuer.tokenFor(carol), "{\"displayName\":\"Carol\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> relayed(carol));
        String admin = stack.issuer.adminTokenFor("ops");
        JsonNode clean = json.readTree(http.get("/admin/relay/audit?since=" + before, admin).body());
        assertThat(clean.get("missing").asInt()).as(clean.toString()).isZero();
        assertThat(clean.get("stored").asInt()).isPositive();

        // an event stored and marked relayed that never reached the topic (what a skipping relay leaves behind)
        String ghost = "ghost-" + UUID.randomUUID();
        Document template = store().find(Filters.eq("aggregateIdentifier", carol)).first();
        Document stored = copy(template, carol, ghost, 0, template.getString("payloadType"));
        stored.put("relayed", true);
        store().insertOne(stored);

        var audit = http.get("/admin/relay/audit?since=" + before, admin);
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        JsonNode report = json.readTree(audit.body());
        assertThat(report.get("missing").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.get("missingEvents").get(0).asString()).isEqualTo(ghost + "#0");
        try (TopicReader reader = new TopicReader(stack.broker.bootstrapServers(), topic)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(reader.poll()).extracting(ConsumerRecord::key).contains(ghost));
        }
        assertThat(json.readTree(http.get("/admin/relay/audit?since=" + before, admin).body()).get("missing").asInt())
                .isZero();
        assertThat(http.get("/actuator/prometheus", null).body()).contains("givefirst_relay_gaps_repaired_total 1.0");
        assertThat(http.get("/admin/relay/audit?since=" + before, stack.issuer.tokenFor(carol)).statusCode())
                .as("members are not admins").isEqualTo(403);
    }

    /** What an instance that died between storing a join and writing the member directory leaves behind. */
    @Test
    void aJoinStoredWithoutItsDirectoryEntryIsKnownOnceItIsRelayed() {
        Http http = new Http("http://localhost:" + port);
        String dora = "dora-" + UUID.randomUUID();
        String erin = "erin-" + UUID.randomUUID();
        http.post("/members", stack.issuer.tokenFor(dora), "{\"displayName\":\"Dora\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> relayed(dora));

        Document template = store().find(Filters.eq("aggregateIdentifier", dora)).first();
        Document stored = copy(template, dora, erin, 0, template.getString("payloadType"));
        String help = "{\"receiverId\":\"" + erin + "\",\"kind\":\"IDEA\",\"summary\":\"Welcome\"}";
        assertThat(http.post("/help", stack.issuer.tokenFor(dora), help).statusCode())
                .as("erin has not joined yet").isEqualTo(404);
        store().insertOne(stored);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(http.post("/help", stack.issuer.tokenFor(dora), help).statusCode())
                        .as("erin's join reached the directory through the topic").isEqualTo(201));
        assertThat(http.post("/members", stack.issuer.tokenFor(erin), "{\"displayName\":\"Erin\"}").statusCode())
                .as("and she cannot join twice").isEqualTo(409);
    }

    /** An event stored when a limit was looser than today's (a summary of 1 500 characters; today's limit: 1 000). */
    @Test
    void anEventAcceptedUnderALooserLimitStillLoadsAndIsRelayed() {
        Http http = new Http("http://localhost:" + port);
        String fay = "fay-" + UUID.randomUUID();
        String gus = "gus-" + UUID.randomUUID();
        http.post("/members", stack.issuer.tokenFor(fay), "{\"displayName\":\"Fay\"}");
        http.post("/members", stack.issuer.tokenFor(gus), "{\"displayName\":\"Gus\"}");
        var given = http.post("/help", stack.issuer.tokenFor(fay),
                "{\"receiverId\":\"" + gus + "\",\"kind\":\"IDEA\",\"summary\":\"short\"}");
        String helpId = json.readTree(given.body()).get("helpId").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> relayed(helpId));

        String older = "older-" + UUID.randomUUID();
        String summary = "a long story ".repeat(120).strip();
        assertThat(summary.length()).isGreaterThan(io.givefirst.events.help.HelpGivenEvent.SUMMARY_MAX);
        Document template = store().find(Filters.eq("aggregateIdentifier", helpId)).first();
        Document stored = copy(template, helpId, older, 0, template.getString("payloadType"));
        // stored before sealing existed: the summary in plaintext
        stored.put("serializedPayload", stored.getString("serializedPayload")
                .replaceFirst("\"summary\":\"[^\"]*\"", "\"summary\":\"" + summary + "\""));
        store().insertOne(stored);

        try (TopicReader reader = new TopicReader(stack.broker.bootstrapServers(), topic)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(reader.poll()).filteredOn(r -> r.key().equals(older)).anySatisfy(r -> {
                        assertThat(OpenedRecords.raw(r)).as("sealed on the way out").doesNotContain("a long story");
                        assertThat(OpenedRecords.opened(sealing, r)).contains(summary);
                    }));
        }
        var acknowledged = http.post("/help/" + older + "/acknowledgement", stack.issuer.tokenFor(gus), "{}");
        assertThat(acknowledged.statusCode()).as("the aggregate loads: " + acknowledged.body()).isEqualTo(200);
    }

    /**
     * An event this version cannot read (a newer version stored it) is parked with the later events of its
     * aggregate; every other aggregate flows; once a version that reads it runs, a retry publishes them in order.
     */
    @Test
    void anEventTheRelayCannotPublishIsParkedWithItsAggregateAndRetriedInOrder() {
        Http http = new Http("http://localhost:" + port);
        String admin = stack.issuer.adminTokenFor("ops");
        String hal = "hal-" + UUID.randomUUID();
        http.post("/members", stack.issuer.tokenFor(hal), "{\"displayName\":\"Hal\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> relayed(hal));
        Document template = store().find(Filters.eq("aggregateIdentifier", hal)).first();
        String knownType = template.getString("payloadType");
        String stuck = "stuck-" + UUID.randomUUID();
        String free = "free-" + UUID.randomUUID();

        store().insertMany(List.of(copy(template, hal, stuck, 0, "io.givefirst.events.future.TeleportedEvent"),
                copy(template, hal, stuck, 1, knownType), copy(template, hal, free, 0, knownType)));

        try (TopicReader reader = new TopicReader(stack.broker.bootstrapServers(), topic)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(reader.poll()).extracting(ConsumerRecord::key).as("the other aggregate flows").contains(free);
                JsonNode parked = json.readTree(http.get("/admin/relay/dead-letters", admin).body());
                List<String> parkedAggregates = new java.util.ArrayList<>();
                parked.forEach(letter -> parkedAggregates.add(letter.get("aggregateId").asString()));
                assertThat(parkedAggregates).containsExactly(stuck, stuck);
            });
            assertThat(reader.poll()).extracting(ConsumerRecord::key).doesNotContain(stuck);
            assertThat(store().find(Filters.eq("aggregateIdentifier", stuck)).map(d -> d.get("relayed")).into(new java.util.ArrayList<>()))
                    .containsOnly("parked");
            assertThat(http.get("/actuator/prometheus", null).body()).contains("givefirst_relay_dead_letters 2.0");

            // what an instance that died between parking the events and marking them leaves: parked, yet listed
            store().updateMany(Filters.eq("aggregateIdentifier", stuck), com.mongodb.client.model.Updates.set("relayed", false));
            await().atMost(Duration.ofSeconds(30)).until(() -> store().countDocuments(Filters.and(
                    Filters.eq("aggregateIdentifier", stuck), Filters.eq("relayed", "parked"))) == 2);
            JsonNode parkedAgain = json.readTree(http.get("/admin/relay/dead-letters", admin).body());
            assertThat(parkedAgain).as("each event parked once").hasSize(2);

            var stillFailing = json.readTree(http.post("/admin/relay/dead-letters/retry", admin, "").body());
            assertThat(stillFailing.get("published").asInt()).isZero();

            // the version that knows the event runs now
            store().updateOne(Filters.and(Filters.eq("aggregateIdentifier", stuck), Filters.eq("sequenceNumber", 0L)),
                    com.mongodb.client.model.Updates.set("payloadType", knownType));
            var retried = json.readTree(http.post("/admin/relay/dead-letters/retry", admin, "").body());
            assertThat(retried.get("published").asInt()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(reader.poll().stream()
                    .filter(r -> r.key().equals(stuck))
                    .map(r -> new String(r.headers().lastHeader("ce_sequence").value(), java.nio.charset.StandardCharsets.UTF_8)))
                    .as("in order, once each").containsExactly("0", "1"));
        }
        assertThat(json.readTree(http.get("/admin/relay/dead-letters", admin).body())).isEmpty();
        assertThat(http.post("/admin/relay/dead-letters/retry", stack.issuer.tokenFor(hal), "").statusCode()).isEqualTo(403);
    }

    /** A stored event copied to another aggregate, unrelayed: what another instance could have stored. */
    private static Document copy(Document template, String from, String aggregate, long sequence, String payloadType) {
        Document copy = new Document(template);
        copy.remove("_id");
        copy.put("aggregateIdentifier", aggregate);
        copy.put("sequenceNumber", sequence);
        copy.put("eventIdentifier", UUID.randomUUID().toString());
        copy.put("payloadType", payloadType);
        copy.put("serializedPayload", template.getString("serializedPayload").replace(from, aggregate));
        copy.put("relayed", false);
        return copy;
    }

    private boolean relayed(String aggregateId) {
        Document event = store().find(Filters.eq("aggregateIdentifier", aggregateId)).first();
        return event != null && Boolean.TRUE.equals(event.getBoolean("relayed"));
    }

    private static double lagSeconds(Http http) {
        for (String line : http.get("/actuator/prometheus", null).body().split("\n")) {
            if (line.startsWith("givefirst_relay_lag_seconds ")) {
                return Double.parseDouble(line.substring(line.indexOf(' ') + 1));
            }
        }
        throw new AssertionError("no givefirst_relay_lag_seconds");
    }
}
