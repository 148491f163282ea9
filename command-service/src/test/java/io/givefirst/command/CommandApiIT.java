package io.givefirst.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.givefirst.events.wire.CloudEventHeaders;
import io.givefirst.command.support.ApiTestBase;
import io.givefirst.local.infra.TopicReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The slice's command API over real HTTP, a real Kafka broker and a MongoDB-wire store. */
class CommandApiIT extends ApiTestBase {
    @Value("${givefirst.relay.topic}")
    String topic;
    String alice;
    String bob;

    @BeforeEach
    void twoMembers() {
        alice = joined("Alice");
        bob = joined("Bob");
    }

    private String giveHelp(String giver, String receiver) {
        HttpResponse<String> response = http.post("/help", token(giver),
                "{\"receiverId\":\"" + receiver + "\",\"kind\":\"FEEDBACK\",\"summary\":\"Notes on the pitch deck\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("helpId").asString();
    }

    private long eventCount() {
        return storedEvents().countDocuments();
    }

    @Test
    void helpAndItsAcknowledgementReachKafkaWithCloudEventsHeaders() {
        String helpId = giveHelp(alice, bob);
        HttpResponse<String> ack = http.post("/help/" + helpId + "/acknowledgement", token(bob),
                "{\"thanks\":\"That changed my pitch\"}");
        assertThat(ack.statusCode()).isEqualTo(200);

        try (TopicReader reader = new TopicReader(stack.broker.bootstrapServers(), topic)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    reader.poll().stream().filter(r -> r.key().equals(helpId)).toList()).hasSize(2));
            List<ConsumerRecord<String, byte[]>> records = reader.poll().stream()
                    .filter(r -> r.key().equals(helpId)).toList();
            Map<String, String> given = headers(records.get(0));
            assertThat(given).containsEntry(CloudEventHeaders.SPEC_VERSION, "1.0")
                    .containsEntry(CloudEventHeaders.TYPE, "givefirst.help.given.v1")
                    .containsEntry(CloudEventHeaders.SUBJECT, helpId)
                    .containsEntry(CloudEventHeaders.SOURCE, "/givefirst/command-service")
                    .containsEntry(CloudEventHeaders.CONTENT_TYPE, "application/json")
                    .containsEntry(CloudEventHeaders.AGGREGATE_TYPE, "Help")
                    .containsEntry(CloudEventHeaders.SEQUENCE, "0")
                    .containsKeys(CloudEventHeaders.ID, CloudEventHeaders.TIME, CloudEventHeaders.RECORDED_TIME);
            assertThat(headers(records.get(1))).containsEntry(CloudEventHeaders.TYPE, "givefirst.help.acknowledged.v1")
                    .containsEntry(CloudEventHeaders.SEQUENCE, "1");
            JsonNode payload = json.readTree(records.get(0).value());
            assertThat(payload.get("giverId").asString()).isEqualTo(alice);
            assertThat(payload.get("receiverId").asString()).isEqualTo(bob);
            assertThat(payload.get("verified").asBoolean()).isFalse();
        }
    }

    @Test
    void requestsWithoutAValidTokenAreRejected() {
        String body = "{\"displayName\":\"Eve\"}";
        assertThat(http.post("/members", null, body).statusCode()).isEqualTo(401);
        assertThat(http.post("/members", "not-a-jwt", body).statusCode()).isEqualTo(401);
        assertThat(http.post("/members", stack.issuer.expiredTokenFor("eve"), body).statusCode()).isEqualTo(401);
    }

    @Test
    void theGiverIsAlwaysTheTokensSubjectAndNobodyActsForAnother() {
        HttpResponse<String> naming = http.post("/help", token(alice),
                "{\"giverId\":\"" + bob + "\",\"receiverId\":\"" + bob + "\",\"kind\":\"IDEA\",\"summary\":\"x\"}");
        assertProblem(naming, 400, "malformed-request");
        assertThat(body(naming).get("detail").asString()).contains("giverId");
        String helpId = giveHelp(alice, bob);
        assertProblem(http.post("/help/" + helpId + "/acknowledgement", token(alice), "{}"), 403,
                "only-receiver-acknowledges");
    }

    @Test
    void rejectedCommandsAnswerProblemJsonNamingTheRuleAndStoreNothing() {
        String helpId = giveHelp(alice, bob);
        long before = eventCount();
        String token = token(alice);

        assertProblem(http.post("/help", token, "{not json"), 400, "malformed-request");
        assertProblem(http.post("/help", token, "{\"receiverId\":\"" + bob + "\",\"kind\":\"HUG\",\"summary\":\"x\"}"),
                400, "malformed-request");
        assertProblem(http.post("/help", token, "{\"receiverId\":\"" + bob + "\",\"kind\":\"IDEA\",\"summary\":\"  \"}"),
                400, "invalid-request");
        assertProblem(http.post("/help", token, "{\"kind\":\"IDEA\",\"summary\":\"x\"}"), 400, "invalid-request");
        assertProblem(http.post("/help", token, "{\"receiverId\":\"nobody\",\"kind\":\"IDEA\",\"summary\":\"x\"}"),
                404, "unknown-member");
        assertProblem(http.post("/help", token, "{\"receiverId\":\"" + alice + "\",\"kind\":\"IDEA\",\"summary\":\"x\"}"),
                400, "help-to-oneself");
        assertProblem(http.post("/members", token, "{\"displayName\":\"Alice twice\"}"), 409, "member-already-joined");
        assertProblem(http.post("/members", token("new-" + UUID.randomUUID()), "{\"displayName\":\"\"}"),
                400, "invalid-request");
        assertProblem(http.post("/help/" + UUID.randomUUID() + "/acknowledgement", token(bob), "{}"),
                404, "unknown-id");
        assertThat(eventCount()).isEqualTo(before);

        assertThat(http.post("/help/" + helpId + "/acknowledgement", token(bob), "{}").statusCode())
                .isEqualTo(200);
        assertProblem(http.post("/help/" + helpId + "/acknowledgement", token(bob), "{}"),
                409, "help-already-verified");
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    /** ADR 18: what a receiver records credits its giver once the giver says so, and only then. */
    @Test
    void helpPaidForwardCountsOnceItsGiverConfirms() {
        HttpResponse<String> recorded = http.post("/help/received", token(bob),
                "{\"giverId\":\"" + alice + "\",\"kind\":\"INTRODUCTION\",\"summary\":\"Met my first customer\"}");
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        assertThat(body(recorded).get("verified").asBoolean()).isFalse();
        String helpId = body(recorded).get("helpId").asString();

        assertProblem(http.post("/help/" + helpId + "/acknowledgement", token(bob), "{}"), 409, "help-awaits-giver");
        assertProblem(http.post("/help/" + helpId + "/confirmation", token(bob), null), 403, "only-giver-confirms");
        HttpResponse<String> confirmed = http.post("/help/" + helpId + "/confirmation", token(alice), null);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(body(confirmed).get("verified").asBoolean()).isTrue();
        assertProblem(http.post("/help/" + helpId + "/confirmation", token(alice), null), 409, "help-already-verified");
        assertThat(storedEvents().countDocuments(com.mongodb.client.model.Filters.and(
                com.mongodb.client.model.Filters.eq("aggregateIdentifier", helpId),
                com.mongodb.client.model.Filters.eq("payloadType",
                        io.givefirst.events.help.HelpConfirmedEvent.class.getName())))).isEqualTo(1);
    }

    @Test
    void healthAndApiDescriptionAreOpenWithoutATokenAndHealthDetailsOnlyForAnAdmin() {
        HttpResponse<String> health = http.get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json.readTree(health.body()).get("status").asString()).isEqualTo("UP");
        assertThat(health.body()).as("OWASP API8 Security Misconfiguration: no details for anyone")
                .doesNotContain("components", "clusterId", DATABASE);
        assertThat(http.get("/actuator/health", token(alice)).body()).doesNotContain("components");
        JsonNode components = json.readTree(http.get("/actuator/health", stack.issuer.adminTokenFor("ops")).body())
                .get("components");
        assertThat(components.get("kafka").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("mongo").get("status").asString()).isEqualTo("UP");
        assertThat(http.get("/v3/api-docs", null).body()).contains("/help/{helpId}/acknowledgement");
        assertThat(http.get("/actuator/prometheus", null).body()).contains("givefirst_relay_lag_seconds");
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        return java.util.stream.StreamSupport.stream(record.headers().spliterator(), false)
                .collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8)));
    }
}
