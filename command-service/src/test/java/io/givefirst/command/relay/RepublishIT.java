package io.givefirst.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.givefirst.command.support.ApiTestBase;
import io.givefirst.events.wire.CloudEventHeaders;
import io.givefirst.local.infra.TopicReader;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Value;

/** An admin re-publishes the store: every event appears on the topic again, with the same id. */
class RepublishIT extends ApiTestBase {
    @Value("${givefirst.relay.topic}")
    String topic;

    @Test
    void republishingSendsEveryStoredEventAgainUnderTheSameId() {
        String alice = joined("Alice");
        try (TopicReader reader = new TopicReader(stack.broker.bootstrapServers(), topic)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> recordsOf(reader, alice).size() == 1);

            assertThat(http.post("/admin/relay/republish", token(alice), null).statusCode())
                    .as("members are not admins").isEqualTo(403);
            var republish = http.post("/admin/relay/republish", stack.issuer.adminTokenFor("ops"), null);
            assertThat(republish.statusCode()).as(republish.body()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(60)).until(() -> recordsOf(reader, alice).size() == 2);
            List<ConsumerRecord<String, byte[]>> twice = recordsOf(reader, alice);
            assertThat(twice.get(1).headers().lastHeader(CloudEventHeaders.ID).value())
                    .isEqualTo(twice.get(0).headers().lastHeader(CloudEventHeaders.ID).value());
        }
        String bob = joined("Bob");
        try (TopicReader reader = new TopicReader(stack.broker.bootstrapServers(), topic)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> recordsOf(reader, bob).size() == 1);
        }
    }

    @Test
    void theStoreCanBeCopiedIntoAnotherTopicWithoutTouchingTheLiveOne() {
        String carol = joined("Carol");
        String copy = "givefirst.events.copy-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        try (TopicReader live = new TopicReader(stack.broker.bootstrapServers(), topic)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> recordsOf(live, carol).size() == 1);
            var started = http.post("/admin/relay/republish", stack.issuer.adminTokenFor("ops"),
                    "{\"topic\":\"" + copy + "\"}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            try (TopicReader copied = new TopicReader(stack.broker.bootstrapServers(), copy)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> recordsOf(copied, carol).size() == 1);
                assertThat(recordsOf(copied, carol).get(0).headers().lastHeader(CloudEventHeaders.ID).value())
                        .isEqualTo(recordsOf(live, carol).get(0).headers().lastHeader(CloudEventHeaders.ID).value());
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json.readTree(
                    http.get("/admin/relay/republish", stack.issuer.adminTokenFor("ops")).body()).get("state").asString())
                    .isEqualTo("DONE"));
            assertThat(recordsOf(live, carol)).hasSize(1);
        }
        String admin = stack.issuer.adminTokenFor("ops");
        assertProblem(http.post("/admin/relay/republish", admin, "{\"topic\":\"" + copy + "\"}"), 409,
                "copy-topic-exists");
        for (String outside : List.of("no spaces", "somewhere-else", topic + ".", "x" + topic + ".copy")) {
            assertProblem(http.post("/admin/relay/republish", admin, "{\"topic\":\"" + outside + "\"}"), 400,
                    "copy-topic-name");
        }

        // OWASP API Security Top 10 (2023) API9 Improper Inventory Management: every admin action is on record
        JsonNode actions = json.readTree(http.get("/admin/audit?limit=1000", admin).body());
        JsonNode started = java.util.stream.StreamSupport.stream(actions.spliterator(), false)
                .filter(a -> a.path("body").isString() && a.get("body").asString().contains(copy)
                        && a.get("status").asInt() == 202)
                .findFirst().orElseThrow();
        assertThat(started.get("subject").asString()).isEqualTo("ops");
        assertThat(started.get("path").asString()).isEqualTo("/admin/relay/republish");
        assertThat(http.get("/admin/audit", token(carol)).statusCode()).as("not for members").isEqualTo(403);
        // an encoded path reaches the same action, and the same record
        assertThat(http.post("/%61dmin/relay/dead-letters/retry", admin, null).statusCode()).isEqualTo(200);
        assertThat(json.readTree(http.get("/admin/audit?limit=1", admin).body()).get(0).get("path").asString())
                .isEqualTo("/admin/relay/dead-letters/retry");
    }

    private static List<ConsumerRecord<String, byte[]>> recordsOf(TopicReader reader, String key) {
        return reader.poll().stream().filter(r -> r.key().equals(key)).toList();
    }
}
