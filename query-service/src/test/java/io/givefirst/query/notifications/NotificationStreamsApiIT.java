package io.givefirst.query.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.givefirst.local.infra.SseClient;
import io.givefirst.query.QueryApiTestBase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The notification stream's limits: a member's token only, a bounded number of streams, well-formed resume points. */
class NotificationStreamsApiIT extends QueryApiTestBase {
    private static final String PATH = "/members/me/notifications";

    @Test
    @Timeout(120)
    void aMembersFourthStreamClosesTheirOldestAndOtherMembersKeepTheirs() throws Exception {
        String member = "streams-" + UUID.randomUUID();
        String token = stack.issuer.tokenFor(member);
        List<SseClient> streams = new ArrayList<>();
        try (SseClient other = SseClient.open(http.base() + PATH, stack.issuer.tokenFor("other-" + UUID.randomUUID()),
                null)) {
            assertThat(other.next(Duration.ofSeconds(10)).name()).isEqualTo("ready");
            for (int i = 0; i < 4; i++) {
                streams.add(SseClient.open(http.base() + PATH, token, null));
                assertThat(streams.get(i).status()).isEqualTo(200);
                assertThat(streams.get(i).next(Duration.ofSeconds(10)).name()).as("ready comes first").isEqualTo("ready");
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(streams.get(0).isOpen()).as("the oldest is closed by the server").isFalse());
            assertThat(streams.subList(1, 4)).allSatisfy(stream -> assertThat(stream.isOpen()).isTrue());
            assertThat(other.isOpen()).as("another member's stream is their own").isTrue();
        } finally {
            streams.forEach(SseClient::close);
        }
    }

    @Test
    @Timeout(60)
    void aResumePointItDidNotSendIsRefusedAndAnonymousCallersGetNothing() {
        String token = stack.issuer.tokenFor("resume-" + UUID.randomUUID());
        for (String forged : List.of("x", "0:1:2", "-1:5", "0:5,0:6", "0:" + "9".repeat(30))) {
            HttpResponse<String> refused = http.get(PATH, token, Map.of("Last-Event-ID", forged));
            assertThat(refused.statusCode()).as(forged).isEqualTo(400);
            assertThat(refused.body()).contains("Last-Event-ID");
        }
        assertThat(http.get(PATH, null).statusCode()).isEqualTo(401);
    }
}
