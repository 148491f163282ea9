package io.givefirst.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.givefirst.command.CommandServiceApplication;
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
            await().atMost(Duration.ofSeconds(60)).until(() -> reader.poll().size() == 2);
        }

        stack.broker.stop();
        var response = http.post("/help", stack.issuer.tokenFor(alice),
                "{\"receiverId\":\"" + bob + "\",\"kind\":\"RESOURCE\",\"summary\":\"A reading list\"}");
        assertThat(response.statusCode()).as("the store accepts commands while Kafka is down").isEqualTo(201);
        String helpId = json.readTree(response.body()).get("helpId").asString();
        var health = http.get("/actuator/health", null);
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
        Document stored = store().find(Filters.eq("aggregateIdentifier", carol)).first();
        stored.remove("_id");
        stored.put("aggregateIdentifier", ghost);
        stored.put("eventIdentifier", UUID.randomUUID().toString());
        stored.put("serializedPayload", stored.getString("serializedPayload").replace(carol, ghost));
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
