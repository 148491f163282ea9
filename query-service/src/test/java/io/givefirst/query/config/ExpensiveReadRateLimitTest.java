package io.givefirst.query.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.givefirst.local.infra.MongoWireServer;
import io.givefirst.shared.limits.MongoBuckets;
import io.givefirst.shared.limits.RateLimitFilter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Which reads of the query API count against a member's expensive-read limit, and that the rest never do. */
class ExpensiveReadRateLimitTest {
    private static MongoWireServer server;
    private static MongoClient client;

    @BeforeAll
    static void start() {
        server = MongoWireServer.inMemory().start();
        client = MongoClients.create(server.uri(""));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @AfterEach
    void anonymousAgain() {
        SecurityContextHolder.clearContext();
    }

    private static int get(RateLimitFilter filter, String member, String path) throws Exception {
        return call(filter, member, "GET", path);
    }

    private static int call(RateLimitFilter filter, String member, String method, String path) throws Exception {
        Jwt token = new Jwt("t", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"),
                Map.of("sub", member));
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(token, List.of(), member));
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }

    @Test
    void theLeaderboardThePathSearchSuggestionsAndTheExportShareOneLimitOtherReadsNone() throws Exception {
        RateLimitFilter filter = new RateLimitFilter(new MongoBuckets(client.getDatabase("expensive-reads")),
                List.of(new ExpensiveReadRateLimit().expensiveReads(4)));
        List<String> expensive = List.of("/leaderboard", "/members/ann/introduction-path/bob",
                "/members/ann/suggestions", "/members/me/export");
        for (String path : expensive) {
            assertThat(get(filter, "ann", path)).as(path).isEqualTo(200);
        }
        for (String path : expensive) {
            assertThat(get(filter, "ann", path)).as(path + " over the limit").isEqualTo(429);
        }
        for (String cheap : List.of("/members/ann/stats", "/members/ann", "/members/ann/contributions", "/feed")) {
            assertThat(get(filter, "ann", cheap)).as(cheap).isEqualTo(200);
        }
        assertThat(get(filter, "bob", "/leaderboard")).as("another member").isEqualTo(200);
    }

    /** HEAD runs the GET handler, and MVC decodes the path: neither is a way around the limit. */
    @Test
    void neitherHeadNorAnEncodedPathGoesAroundTheLimit() throws Exception {
        RateLimitFilter filter = new RateLimitFilter(new MongoBuckets(client.getDatabase("expensive-reads-2")),
                List.of(new ExpensiveReadRateLimit().expensiveReads(2)));
        assertThat(call(filter, "cat", "HEAD", "/leaderboard")).isEqualTo(200);
        assertThat(get(filter, "cat", "/leaderboar%64")).isEqualTo(200);
        assertThat(get(filter, "cat", "/members/me/ex%70ort")).as("the third expensive read").isEqualTo(429);
    }
}
