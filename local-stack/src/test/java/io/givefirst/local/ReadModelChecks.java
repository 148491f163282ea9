package io.givefirst.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.givefirst.local.infra.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the stack-level tests compare: the answers a portal gets from a query-service, and those answers again after
 * a clean rebuild of every read model from the topic.
 */
final class ReadModelChecks {
    private static final JsonMapper json = JsonMapper.builder().build();

    private ReadModelChecks() {
    }

    /** What members and the portal see of every read model: each member's screens, the leaderboard, the feed. */
    static Map<String, String> answers(Http query, String token, List<String> members) {
        Map<String, String> answers = new TreeMap<>();
        List<String> paths = new ArrayList<>(List.of("/leaderboard?period=P30D&limit=50", "/feed?limit=100"));
        for (String member : members) {
            paths.addAll(List.of("/members/" + member, "/members/" + member + "/stats",
                    "/members/" + member + "/connections", "/members/" + member + "/contributions?limit=100"));
        }
        for (String path : paths) {
            HttpResponse<String> answer = query.get(path, token);
            assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(200);
            // the leaderboard says when its period began: when it was ranked, not what it ranks
            answers.put(path, answer.body().replaceFirst("\"since\":\"[^\"]*\"", "\"since\":\"-\""));
        }
        return answers;
    }

    /** Each answer that differs, from where it starts to differ. */
    static List<String> differences(Map<String, String> actual, Map<String, String> expected) {
        List<String> differences = new ArrayList<>();
        expected.forEach((path, body) -> {
            String other = actual.getOrDefault(path, "");
            if (!other.equals(body)) {
                int at = 0;
                while (at < Math.min(body.length(), other.length()) && body.charAt(at) == other.charAt(at)) {
                    at++;
                }
                int from = Math.max(0, at - 80);
                differences.add(path + " at " + at + ": " + other.substring(from, Math.min(other.length(), at + 120))
                        + " instead of " + body.substring(from, Math.min(body.length(), at + 120)));
            }
        });
        return differences;
    }

    /** The status of every projection, as {@code GET /admin/projections} answers it. */
    static List<JsonNode> projections(Http query, String admin) {
        HttpResponse<String> response = query.get("/admin/projections", admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> projections = new ArrayList<>();
        json.readTree(response.body()).forEach(projections::add);
        return projections;
    }

    /** Records on the topic that a projection has not applied yet, summed over every projection. */
    static long totalLag(Http query, String admin) {
        return projections(query, admin).stream().mapToLong(p -> p.get("liveLag").asLong()).sum();
    }

    /**
     * Waits until the relay has published every stored event and every projection is live and has applied
     * everything on the topic (each of its partitions committed up to the end).
     */
    static void awaitCaughtUp(Http query, String admin, MongoCollection<Document> eventStore, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(eventStore.countDocuments(Filters.eq("relayed", false))).as("stored, not yet relayed").isZero();
            assertThat(projections(query, admin)).allSatisfy(p -> {
                assertThat(p.get("state").asString()).as(p.toString()).isEqualTo("LIVE");
                assertThat(p.get("livePartitions")).as(p.toString()).isNotEmpty();
                assertThat(p.get("liveLag").asLong()).as(p.toString()).isZero();
            });
        });
    }

    static Map<String, Integer> liveGenerations(MongoCollection<Document> control) {
        Map<String, Integer> live = new HashMap<>();
        control.find().forEach(d -> live.put(d.getString("_id"), d.getInteger("live", 0)));
        return live;
    }

    /**
     * Rebuilds every read model from the beginning of the topic and waits until each new generation is live and
     * nothing half-built is left.
     */
    static void rebuildAll(Http query, String admin, MongoDatabase readDatabase, Duration atMost) {
        rebuildAll(query, admin, readDatabase, atMost, () -> { });
    }

    /** Rebuilds every read model, with something happening to the platform while it runs ({@code meanwhile}). */
    static void rebuildAll(Http query, String admin, MongoDatabase readDatabase, Duration atMost, Runnable meanwhile) {
        MongoCollection<Document> control = readDatabase.getCollection("projection_generations");
        Map<String, Integer> before = liveGenerations(control);
        HttpResponse<String> started = query.post("/admin/projections/rebuild", admin, "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        meanwhile.run();
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(control.find().into(new ArrayList<>())).allSatisfy(d -> {
                    assertThat(d.getInteger("live")).as(d.toJson()).isGreaterThan(before.get(d.getString("_id")));
                    assertThat(d).as("no rebuild running, nothing waiting to be dropped")
                            .doesNotContainKeys("building", "owner", "previous");
                }));
        Set<Integer> generationsLeft = new HashSet<>();
        readDatabase.listCollectionNames().forEach(name -> {
            if (name.contains("__g")) {
                generationsLeft.add(Integer.parseInt(name.substring(name.indexOf("__g") + 3)));
            }
        });
        assertThat(generationsLeft).as("only the live generations remain, no half-built or old one")
                .isEqualTo(new HashSet<>(liveGenerations(control).values()));
    }
}
