package io.givefirst.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.givefirst.local.infra.FreePorts;
import io.givefirst.local.infra.Http;
import io.givefirst.local.infra.TopicReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Personal data on the README's stack (ADR 16): members read each other's names and texts through the API, a
 * private note only its author; and no copy of any of it is readable anywhere else — not in any document of any
 * database (event store, lookups, idempotency records, read models, dead letters, keys), nor in any record on the
 * topic or on a copy of the store in another topic.
 */
class PrivacyIT {
    private static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path data;

    @Test
    void membersReadEachOtherThroughTheApiAndNothingPersonalIsReadableAnywhereElse() {
        StackSettings settings = new StackSettings(data, Path.of("target", "services"), Path.of("target", "service-logs"),
                FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick());
        // '~' is not in base64url: no ciphertext can contain the marker by chance
        String marker = "~" + UUID.randomUUID().toString().substring(0, 8);
        String name = "Quentin " + marker;
        String headline = "Grows oyster mushrooms " + marker;
        String note = "owes me lunch " + marker;
        try (LocalStack stack = LocalStack.start(settings);
             MongoClient mongo = MongoClients.create("mongodb://localhost:" + settings.mongoPort())) {
            Http commands = new Http(settings.commandUrl());
            Http queries = new Http(settings.queryUrl());
            String quentin = stack.issuer().tokenFor("quentin");
            String rosa = stack.issuer().tokenFor("rosa");
            created(commands.post("/members", quentin, "{\"displayName\":\"" + name + "\",\"headline\":\"" + headline
                    + "\",\"interests\":[\"fungi " + marker + "\"]}"));
            created(commands.post("/members", rosa, "{\"displayName\":\"Rosa\"}"));
            created(commands.post("/members/me/needs", quentin, "{\"description\":\"a cold room " + marker
                    + "\",\"tags\":[\"storage\"]}"));
            String meetingId = json.readTree(created(commands.post("/meetings", quentin,
                    "{\"withMemberId\":\"rosa\",\"context\":\"market " + marker + "\",\"privateNote\":\"" + note
                            + "\"}")).body()).get("meetingId").asString();
            // confirmed, so that Rosa sees the meeting in Quentin's history — and still not his note
            assertThat(commands.post("/meetings/" + meetingId + "/confirmation", rosa, null).statusCode()).isEqualTo(200);
            String helpId = json.readTree(created(commands.post("/help", quentin,
                    "{\"receiverId\":\"rosa\",\"kind\":\"RESOURCE\",\"summary\":\"spore suppliers " + marker + "\"}"))
                    .body()).get("helpId").asString();
            assertThat(commands.post("/help/" + helpId + "/acknowledgement", rosa,
                    "{\"thanks\":\"so kind " + marker + "\"}").statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    entries(queries, "quentin", quentin)).hasSize(2));
            JsonNode profile = json.readTree(queries.get("/members/quentin", rosa).body());
            assertThat(profile.get("displayName").asString()).isEqualTo(name);
            assertThat(profile.get("headline").asString()).isEqualTo(headline);
            assertThat(profile.get("openNeeds").get(0).get("description").asString()).isEqualTo("a cold room " + marker);
            assertThat(notes(entries(queries, "quentin", quentin))).as("the author reads their note").containsOnly(note);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(entries(queries, "quentin", rosa))
                    .as("the confirmed meeting and the acknowledged help").hasSize(2));
            assertThat(notes(entries(queries, "quentin", rosa))).as("nobody else reads the note").isEmpty();
            assertThat(entries(queries, "rosa", rosa).toString()).contains("Received help from " + name, "so kind " + marker);
            assertThat(queries.get("/feed", rosa).body()).contains(name + " joined the community");

            // Quentin's copy of everything the platform holds about him; Rosa's holds nothing of his own texts
            JsonNode export = json.readTree(queries.get("/members/me/export", quentin).body());
            assertThat(export.get("memberId").asString()).isEqualTo("quentin");
            assertThat(export.at("/profile/profile/displayName").asString()).isEqualTo(name);
            assertThat(export.at("/profile/needs/0/description").asString()).isEqualTo("a cold room " + marker);
            assertThat(export.get("contributions").toString()).contains(note, "spore suppliers " + marker);
            assertThat(export.at("/stats/helpGiven/verified").asInt()).isEqualTo(1);
            assertThat(export.get("connections").toString()).contains("rosa");
            assertThat(queries.get("/members/me/export", rosa).body()).doesNotContain(note);

            String admin = stack.issuer().adminTokenFor("ops");
            assertThat(commands.post("/admin/relay/republish", admin, "{\"topic\":\"givefirst.events.privacy-copy\"}").statusCode())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    json.readTree(commands.get("/admin/relay/republish", admin).body()).get("state").asString())
                    .isEqualTo("DONE"));

            List<String> everywhere = new ArrayList<>();
            for (String database : mongo.listDatabaseNames()) {
                MongoDatabase db = mongo.getDatabase(database);
                for (String collection : db.listCollectionNames()) {
                    db.getCollection(collection).find().forEach((Document d) -> everywhere.add(database + "."
                            + collection + " " + d.toJson()));
                }
            }
            assertThat(everywhere).as("the databases hold the story").anySatisfy(d -> assertThat(d).contains(helpId));
            assertThat(everywhere).as("no document holds a readable personal value").noneMatch(d -> d.contains(marker));
            for (String topic : List.of("givefirst.events", "givefirst.events.privacy-copy")) {
                List<String> values = new ArrayList<>();
                try (TopicReader reader = new TopicReader("localhost:" + settings.kafkaPort(), topic)) {
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                        values.clear();
                        reader.poll().forEach(r -> values.add(text(r)));
                        assertThat(values).as(topic).filteredOn(v -> v.contains(helpId)).hasSizeGreaterThanOrEqualTo(2);
                    });
                }
                assertThat(values).as("no record on " + topic + " holds a readable personal value")
                        .noneMatch(v -> v.contains(marker));
            }

            // Quentin asks to be forgotten
            String rosaStats = queries.get("/members/rosa/stats", rosa).body();
            HttpResponse<String> erased = commands.post("/members/me/erasure", quentin, null);
            assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
            assertThat(commands.post("/members/me/erasure", quentin, null).body()).contains("member-erased");
            assertThat(commands.post("/admin/members/nobody/erasure", admin, null).statusCode()).isEqualTo(404);
            assertThat(commands.post("/admin/members/rosa/erasure", rosa, null).statusCode()).isEqualTo(403);
            Document keys = mongo.getDatabase("givefirst-keys").getCollection("member_keys")
                    .find(new Document("_id", "quentin")).first();
            assertThat(keys).as("a tombstone: no key, and none will be made again").containsKey("erasedAt")
                    .doesNotContainKey("keys");

            // within the key cache's 30 s every screen shows a former member; what Rosa wrote and every count stay
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                JsonNode former = json.readTree(queries.get("/members/quentin", rosa).body());
                assertThat(former.get("displayName").asString()).isEqualTo("Former member");
                assertThat(former.get("active").asBoolean()).isFalse();
                String rosaHistory = entries(queries, "rosa", rosa).toString();
                assertThat(rosaHistory).contains("Received help from Former member", "so kind " + marker)
                        .doesNotContain("spore suppliers", name);
                assertThat(notes(entries(queries, "quentin", quentin))).as("not even for its author").isEmpty();
            });
            assertThat(queries.get("/members/rosa/stats", rosa).body()).isEqualTo(rosaStats);
            assertThat(queries.get("/members/me/export", quentin).body()).contains("Former member")
                    .doesNotContain(name, headline, note, "spore suppliers", "a cold room");
            assertThat(queries.get("/feed", rosa).body()).doesNotContain(name, headline)
                    .contains("Former member joined the community");

            // a rebuild from the topic, which keeps every event, reads the same former member
            ReadModelChecks.awaitCaughtUp(queries, admin, mongo.getDatabase("givefirst-commands")
                    .getCollection("domainevents"), Duration.ofSeconds(60));
            java.util.Map<String, String> before = ReadModelChecks.answers(queries, rosa, List.of("quentin", "rosa"));
            ReadModelChecks.rebuildAll(queries, admin, mongo.getDatabase("givefirst-read"), Duration.ofMinutes(3));
            assertThat(ReadModelChecks.differences(ReadModelChecks.answers(queries, rosa, List.of("quentin", "rosa")),
                    before)).isEmpty();
            assertThat(before.values()).as("only what Rosa wrote is still readable").allSatisfy(answer ->
                    assertThat(answer.replace("so kind " + marker, "")).doesNotContain(marker));
        }
    }

    private static HttpResponse<String> created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response;
    }

    private static List<JsonNode> entries(Http queries, String member, String token) {
        List<JsonNode> items = new ArrayList<>();
        json.readTree(queries.get("/members/" + member + "/contributions", token).body()).get("items").forEach(items::add);
        return items;
    }

    private static List<String> notes(List<JsonNode> entries) {
        return entries.stream().map(e -> e.get("privateNote")).filter(n -> n != null && !n.isNull())
                .map(JsonNode::asString).toList();
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        StringBuilder text = new StringBuilder(new String(record.value(), StandardCharsets.UTF_8));
        record.headers().forEach(h -> text.append(' ').append(new String(h.value(), StandardCharsets.UTF_8)));
        return text.toString();
    }
}
