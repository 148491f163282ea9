package io.givefirst.query.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.givefirst.query.QueryApiTestBase;
import io.givefirst.query.Story;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a portal in a browser relies on: it may call the API from its own origin (CORS), it revalidates what it has
 * with {@code If-None-Match} and gets {@code 304} when nothing changed, and {@code Cache-Control} tells it how stale
 * a copy may be.
 */
class BrowserReadyIT extends QueryApiTestBase {
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    @Test
    void anUnchangedAnswerIsNotSentAgainAndEachAnswerSaysHowStaleItMayBe() throws Exception {
        Story story = new Story("b" + UUID.randomUUID().toString().substring(0, 8) + "-");
        publish(story.inOrder());
        String token = stack.issuer.tokenFor(story.alice);
        String stats = "/members/" + story.alice + "/stats";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(json.readTree(
                http.get(stats, token).body()).at("/introductionsFruitful").asInt()).isEqualTo(1));

        HttpResponse<String> first = send(request(stats).header("Authorization", "Bearer " + token));
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValueSatisfying(value ->
                assertThat(value).contains("no-cache", "private"));

        HttpResponse<String> again = send(request(stats).header("Authorization", "Bearer " + token)
                .header("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        HttpResponse<String> stale = send(request(stats).header("Authorization", "Bearer " + token)
                .header("If-None-Match", "\"something-older\""));
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(first.body());

        assertThat(send(request("/leaderboard?period=P30D").header("Authorization", "Bearer " + token)).headers()
                .firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("max-age=", "private"));
    }

    @Test
    void aPortalOnAnAllowedOriginMayCallTheApiAndAnyOtherMayNot() throws Exception {
        HttpResponse<String> preflight = send(request("/members/alice/stats")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,if-none-match"));
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization", "if-none-match");

        HttpResponse<String> read = send(request("/members/alice/stats").header("Origin", "http://localhost:3000")
                .header("Authorization", "Bearer " + stack.issuer.tokenFor("alice")));
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        assertThat(read.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("ETag");

        HttpResponse<String> elsewhere = send(request("/members/alice/stats")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET"));
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
