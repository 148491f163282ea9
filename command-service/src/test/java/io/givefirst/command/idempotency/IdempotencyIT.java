package io.givefirst.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.givefirst.command.support.ApiTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdempotencyIT extends ApiTestBase {
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> post(String path, String member, String key, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token(member))
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRetriedRequestReturnsTheFirstResponseAndRecordsNothingTwice() throws Exception {
        String alice = joined("Alice");
        String bob = joined("Bob");
        String key = UUID.randomUUID().toString();
        String help = "{\"receiverId\":\"" + bob + "\",\"kind\":\"IDEA\",\"summary\":\"A venue for the meetup\"}";
        long before = storedEvents().countDocuments();

        HttpResponse<String> first = post("/help", alice, key, help);
        HttpResponse<String> retry = post("/help", alice, key, help);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(storedEvents().countDocuments()).isEqualTo(before + 1);
    }

    /**
     * What a failed attempt leaves: its events stored, no answer kept (a 5xx after the append, a timeout, an
     * instance that died before answering). The same request again names the same record and stores nothing new.
     */
    @Test
    void aRetryAfterAnUnknownOutcomeStoresNothingTwice() throws Exception {
        String alice = joined("Alice");
        String bob = joined("Bob");
        String help = "{\"receiverId\":\"" + bob + "\",\"kind\":\"IDEA\",\"summary\":\"An idea\"}";
        var keys = mongo.getDatabase(DATABASE).getCollection("idempotency_keys");
        // unknown: the answer was a 5xx; abandoned: another instance claimed it over two minutes ago and never
        // answered; ended here: this instance ran it, but could not write its answer (MongoDB away at that moment)
        for (String failure : List.of("unknown", "abandoned", "ended here")) {
            String key = UUID.randomUUID().toString();
            HttpResponse<String> first = post("/help", alice, key, help);
            assertThat(first.statusCode()).isEqualTo(201);
            long stored = storedEvents().countDocuments();
            String id = alice + "\u0000" + key;
            keys.updateOne(Filters.eq("_id", id), switch (failure) {
                case "unknown" -> Updates.combine(Updates.set("done", false), Updates.set("unknown", true));
                case "abandoned" -> Updates.combine(Updates.set("done", false), Updates.set("instance", "another"),
                        Updates.set("claimedAt", Date.from(Instant.now().minus(Duration.ofMinutes(3)))));
                default -> Updates.set("done", false);
            });

            assertProblem(post("/help", alice, key, help.replace("An idea", "Another idea")), 422, "idempotency-key-reused");
            HttpResponse<String> retry = post("/help", alice, key, help);

            assertThat(retry.statusCode()).as(failure + ": " + retry.body()).isEqualTo(201);
            assertThat(body(retry).get("helpId").asString()).as(failure).isEqualTo(body(first).get("helpId").asString());
            assertThat(storedEvents().countDocuments()).as(failure + ": nothing stored twice").isEqualTo(stored);
            assertThat(post("/help", alice, key, help).headers().firstValue("Idempotent-Replayed")).hasValue("true");
        }
    }

    /** A claim another instance holds, recently made and not answered, may still be running there: wait. */
    @Test
    void aRecentClaimOfAnotherInstanceIsInProgress() throws Exception {
        String alice = joined("Alice");
        String bob = joined("Bob");
        String help = "{\"receiverId\":\"" + bob + "\",\"kind\":\"IDEA\",\"summary\":\"An idea\"}";
        String key = UUID.randomUUID().toString();
        assertThat(post("/help", alice, key, help).statusCode()).isEqualTo(201);
        mongo.getDatabase(DATABASE).getCollection("idempotency_keys").updateOne(Filters.eq("_id", alice + "\u0000" + key),
                Updates.combine(Updates.set("done", false), Updates.set("instance", "another"),
                        Updates.set("claimedAt", Date.from(Instant.now()))));
        long stored = storedEvents().countDocuments();

        assertProblem(post("/help", alice, key, help), 409, "request-in-progress");
        assertThat(storedEvents().countDocuments()).isEqualTo(stored);
    }

    @Test
    void aRejectionIsRepeatedToo() throws Exception {
        String alice = joined("Alice");
        String key = UUID.randomUUID().toString();
        String toHimself = "{\"receiverId\":\"" + alice + "\",\"kind\":\"IDEA\",\"summary\":\"x\"}";
        HttpResponse<String> first = post("/help", alice, key, toHimself);
        HttpResponse<String> retry = post("/help", alice, key, toHimself);
        assertProblem(first, 400, "help-to-oneself");
        assertProblem(retry, 400, "help-to-oneself");
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void theSameKeyForAnotherRequestIsRefused() throws Exception {
        String alice = joined("Alice");
        String bob = joined("Bob");
        String key = UUID.randomUUID().toString();
        assertThat(post("/help", alice, key, "{\"receiverId\":\"" + bob + "\",\"kind\":\"IDEA\",\"summary\":\"one\"}")
                .statusCode()).isEqualTo(201);
        long before = storedEvents().countDocuments();
        assertProblem(post("/help", alice, key, "{\"receiverId\":\"" + bob + "\",\"kind\":\"IDEA\",\"summary\":\"two\"}"),
                422, "idempotency-key-reused");
        assertThat(storedEvents().countDocuments()).isEqualTo(before);
    }

    @Test
    void keysBelongToTheMemberWhoSentThem() throws Exception {
        String alice = joined("Alice");
        String bob = joined("Bob");
        String key = "shared-" + UUID.randomUUID();
        HttpResponse<String> fromAlice = post("/help", alice, key, "{\"receiverId\":\"" + bob + "\",\"kind\":\"IDEA\",\"summary\":\"x\"}");
        HttpResponse<String> fromBob = post("/help", bob, key, "{\"receiverId\":\"" + alice + "\",\"kind\":\"IDEA\",\"summary\":\"x\"}");
        assertThat(fromAlice.statusCode()).isEqualTo(201);
        assertThat(fromBob.statusCode()).isEqualTo(201);
        assertThat(body(fromBob).get("helpId").asString()).isNotEqualTo(body(fromAlice).get("helpId").asString());
    }

    @Test
    void anOversizedKeyIsRejected() throws Exception {
        String alice = joined("Alice");
        assertProblem(post("/members/me/needs", alice, "k".repeat(201), "{\"description\":\"A mentor\"}"),
                400, "invalid-idempotency-key");
    }

    /** After 48 h a key is free again: its next use is a new request and names a new record, never the old one. */
    @Test
    void aKeyUsedAgainAfterItExpiredRecordsTheNewRequest() throws Exception {
        String alice = joined("Alice");
        String bob = joined("Bob");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = post("/help", alice, key,
                "{\"receiverId\":\"" + bob + "\",\"kind\":\"IDEA\",\"summary\":\"Monday's idea\"}");
        assertThat(first.statusCode()).isEqualTo(201);
        Date twoDaysAgo = Date.from(Instant.now().minus(IdempotencyStore.RETENTION).minus(Duration.ofMinutes(1)));
        // what the TTL monitor has not removed yet, and what the embedded server never removes
        mongo.getDatabase(DATABASE).getCollection("idempotency_keys").updateOne(Filters.eq("_id", alice + "\u0000" + key),
                Updates.combine(Updates.set("createdAt", twoDaysAgo), Updates.set("claimedAt", twoDaysAgo)));
        long before = storedEvents().countDocuments();

        HttpResponse<String> later = post("/help", alice, key,
                "{\"receiverId\":\"" + bob + "\",\"kind\":\"IDEA\",\"summary\":\"Wednesday's idea\"}");

        assertThat(later.statusCode()).as(later.body()).isEqualTo(201);
        assertThat(later.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(body(later).get("helpId").asString()).isNotEqualTo(body(first).get("helpId").asString());
        assertThat(storedEvents().countDocuments()).as("the new help is recorded").isEqualTo(before + 1);
    }

    @Test
    void anAnonymousCallerStoresNoKey() throws Exception {
        String key = "anonymous-" + UUID.randomUUID();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        client.send(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(again.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(mongo.getDatabase(DATABASE).getCollection("idempotency_keys")
                .countDocuments(Filters.regex("_id", key + "$"))).isZero();
    }
}
