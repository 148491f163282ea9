package io.givefirst.command.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.givefirst.command.support.ApiTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A table of hostile bodies against every JSON endpoint: structural garbage, wrong types, missing and null
 * fields, huge strings, odd unicode in ids, unknown fields, and no token. Every answer must be a 4xx, and the
 * store must not change.
 */
class HostileInputIT extends ApiTestBase {
    private final HttpClient client = HttpClient.newHttpClient();
    private String alice;
    private String bob;
    private String carol;
    private String openHelp;
    private String disputableHelp;
    private String meeting;

    /** One endpoint: who calls it, and a valid body whose fields the table spoils one by one. */
    private record Endpoint(String method, String path, String caller, Map<String, Object> valid, List<String> required) {
    }

    @BeforeEach
    void community() {
        alice = joined("Alice");
        bob = joined("Bob");
        carol = joined("Carol");
        openHelp = body(http.post("/help", token(alice),
                "{\"receiverId\":\"" + bob + "\",\"kind\":\"IDEA\",\"summary\":\"An idea\"}")).get("helpId").asString();
        disputableHelp = body(http.post("/help", token(alice),
                "{\"receiverId\":\"" + bob + "\",\"kind\":\"IDEA\",\"summary\":\"Another idea\"}")).get("helpId").asString();
        meeting = body(http.post("/meetings", token(alice), "{\"withMemberId\":\"" + bob + "\"}")).get("meetingId").asString();
    }

    private List<Endpoint> endpoints() {
        String newcomer = "newcomer-" + UUID.randomUUID();
        return List.of(
                new Endpoint("POST", "/members", newcomer, map("displayName", "Zed", "headline", "h", "interests", List.of("a")), List.of("displayName")),
                new Endpoint("PUT", "/members/me/profile", alice, map("displayName", "Al", "headline", "h", "interests", List.of("a")), List.of("displayName")),
                new Endpoint("POST", "/members/me/needs", alice, map("description", "d", "tags", List.of("t")), List.of("description")),
                new Endpoint("POST", "/members/me/offers", alice, map("description", "d", "tags", List.of("t")), List.of("description")),
                new Endpoint("POST", "/meetings", alice, map("withMemberId", bob, "context", "c", "privateNote", "n"), List.of("withMemberId")),
                new Endpoint("POST", "/help", alice, map("receiverId", bob, "kind", "IDEA", "summary", "s"), List.of("receiverId", "kind", "summary")),
                new Endpoint("POST", "/help/received", alice, map("giverId", bob, "kind", "IDEA", "summary", "s"), List.of("giverId", "kind", "summary")),
                new Endpoint("POST", "/introductions", alice, map("firstMemberId", bob, "secondMemberId", carol, "reason", "r"), List.of("firstMemberId", "secondMemberId", "reason")),
                new Endpoint("POST", "/help/" + openHelp + "/acknowledgement", bob, map("thanks", "t"), List.of()),
                new Endpoint("POST", "/help/" + disputableHelp + "/dispute", bob, map("reason", "r"), List.of()),
                new Endpoint("POST", "/meetings/" + meeting + "/follow-ups", alice, map("privateNote", "n"), List.of()));
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Bodies that no endpoint accepts. */
    private List<String> hostileBodies(Endpoint endpoint) {
        List<String> bodies = new ArrayList<>(List.of("{", "[]", "\"text\"", "12", "{\"a\":", "<xml/>",
                "[".repeat(5000) + "]".repeat(5000)));
        if (!endpoint.required().isEmpty()) {
            bodies.addAll(List.of("", "null", "{}"));
        }
        for (String field : endpoint.valid().keySet()) {
            boolean list = endpoint.valid().get(field) instanceof List;
            for (Object wrong : list ? List.of("not-a-list", 12, Map.of("a", 1), List.of(12), List.of("x".repeat(100_000)))
                    : List.of(12, 1.5, true, Map.of("a", 1), List.of("x"), "x".repeat(100_000))) {
                bodies.add(with(endpoint, field, wrong));
            }
            if (endpoint.required().contains(field)) {
                bodies.add(with(endpoint, field, null));
                bodies.add(with(endpoint, field, "   "));
            }
            if (field.endsWith("Id")) {
                bodies.add(with(endpoint, field, "\u0000\u202e\uD83D\uDE00-nobody"));
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>(endpoint.valid());
        extra.put("admin", true);
        bodies.add(json.writeValueAsString(extra));
        return bodies;
    }

    private String with(Endpoint endpoint, String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>(endpoint.valid());
        body.put(field, value);
        return json.writeValueAsString(body);
    }

    private HttpResponse<String> send(Endpoint endpoint, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + endpoint.path()))
                .header("Content-Type", "application/json")
                .method(endpoint.method(), HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyHostileBodyIsA4xxAndNothingIsStored() throws Exception {
        long before = storedEvents().countDocuments();
        int tried = 0;
        for (Endpoint endpoint : endpoints()) {
            for (String body : hostileBodies(endpoint)) {
                HttpResponse<String> response = send(endpoint, token(endpoint.caller()), body);
                assertThat(response.statusCode()).as(endpoint.method() + " " + endpoint.path() + " with "
                        + abbreviate(body) + " → " + abbreviate(response.body())).isBetween(400, 499);
                tried++;
            }
            assertThat(send(endpoint, null, json.writeValueAsString(endpoint.valid())).statusCode()).isEqualTo(401);
        }
        assertThat(tried).isGreaterThan(200);
        assertThat(storedEvents().countDocuments()).as("nothing was stored").isEqualTo(before);
    }

    @Test
    void anActDatedOutsideTheWindowIsRefusedWithItsRule() throws Exception {
        long before = storedEvents().countDocuments();
        for (String when : List.of("1970-01-01T00:00:00Z", "2100-01-01T00:00:00Z",
                java.time.Instant.now().minus(java.time.Duration.ofDays(400)).toString())) {
            for (Endpoint endpoint : List.of(
                    new Endpoint("POST", "/help", alice, map("receiverId", bob, "kind", "IDEA", "summary", "s", "occurredAt", when), List.of()),
                    new Endpoint("POST", "/help/received", alice, map("giverId", bob, "kind", "IDEA", "summary", "s", "occurredAt", when), List.of()),
                    new Endpoint("POST", "/meetings", alice, map("withMemberId", bob, "metAt", when), List.of()))) {
                HttpResponse<String> response = send(endpoint, token(alice), json.writeValueAsString(endpoint.valid()));
                assertThat(response.statusCode()).as(endpoint.path() + " at " + when).isEqualTo(400);
                assertThat(body(response).get("rule").asString()).isEqualTo("occurred-at-out-of-range");
            }
        }
        assertThat(storedEvents().countDocuments()).as("nothing was stored").isEqualTo(before);
        String lastYear = java.time.Instant.now().minus(java.time.Duration.ofDays(300)).toString();
        assertThat(send(new Endpoint("POST", "/help", alice, map("receiverId", bob, "kind", "IDEA", "summary", "s",
                "occurredAt", lastYear), List.of()), token(alice), json.writeValueAsString(map("receiverId", bob,
                "kind", "IDEA", "summary", "s", "occurredAt", lastYear))).statusCode()).isEqualTo(201);
    }

    @Test
    void theValidBodiesOfTheTableAreAccepted() throws Exception {
        for (Endpoint endpoint : endpoints()) {
            HttpResponse<String> response = send(endpoint, token(endpoint.caller()), json.writeValueAsString(endpoint.valid()));
            assertThat(response.statusCode()).as(endpoint.path() + " → " + response.body()).isBetween(200, 299);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
