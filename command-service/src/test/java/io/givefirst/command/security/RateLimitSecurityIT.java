package io.givefirst.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.givefirst.command.CommandServiceApplication;
import io.givefirst.command.support.ApiTestBase;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * OWASP API Security Top 10 (2023) <b>API4 Unrestricted Resource Consumption</b>: a member's writes are limited per
 * minute (here 5), answered {@code 429} with {@code Retry-After} and nothing stored; other members are unaffected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        CommandServiceApplication.CONFIG_NAME, "givefirst.mongodb.database=" + ApiTestBase.DATABASE,
        "givefirst.rate-limits.writes-per-minute=5"})
class RateLimitSecurityIT extends ApiTestBase {

    @Test
    void aMembersWritesBeyondTheLimitAreRefusedWithRetryAfterAndStoreNothing() {
        String mallory = joined("Mallory"); // one write
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> need = http.post("/members/me/needs", token(mallory),
                    "{\"description\":\"need " + i + "\",\"tags\":[\"x\"]}");
            assertThat(need.statusCode()).as(need.body()).isEqualTo(201);
        }
        long stored = storedEvents().countDocuments();

        HttpResponse<String> sixth = http.post("/members/me/needs", token(mallory),
                "{\"description\":\"one more\",\"tags\":[\"x\"]}");

        assertProblem(sixth, 429, "too-many-requests");
        assertThat(sixth.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(storedEvents().countDocuments()).isEqualTo(stored);
        assertThat(http.post("/members", token("trent-" + java.util.UUID.randomUUID()),
                "{\"displayName\":\"Trent\"}").statusCode()).as("another member").isEqualTo(201);
    }
}
