package io.givefirst.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpConfirmedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.help.HelpKind;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.query.QueryApiTestBase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;



/** The history read model fed from a real Kafka topic and read through the HTTP query API. */
class HistoryApiIT extends QueryApiTestBase {
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

    private static EventEnvelope event(String aggregateId, String type, long sequence, DomainEvent payload) {
        return new EventEnvelope(UUID.randomUUID().toString(), "/test", aggregateId, type, sequence,
                payload.occurredAt(), payload);
    }

    @Test
    void historyShowsHelpWithNamesNewestFirstAndFlipsToVerifiedOnAcknowledgement() {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        String h1 = UUID.randomUUID().toString();
        publish(List.of(
                event(alice, "Member", 0, new MemberJoinedEvent(alice, "Alice", "", List.of(), null, T0)),
                event(bob, "Member", 0, new MemberJoinedEvent(bob, "Bob", "", List.of(), null, T0)),
                event(h1, "Help", 0, new HelpGivenEvent(h1, alice, bob, HelpKind.FEEDBACK, "Deck notes", alice, false, null,
                        T0.plusSeconds(60)))));
        String token = stack.issuer.tokenFor(bob);
        String alicesToken = stack.issuer.tokenFor(alice);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode items = json.readTree(http.get("/members/" + alice + "/contributions", alicesToken).body())
                    .get("items");
            assertThat(items).hasSize(1);
            assertThat(items.get(0).get("text").asString()).isEqualTo("Gave help to Bob (unverified)");
        });
        JsonNode received = json.readTree(http.get("/members/" + bob + "/contributions", token).body()).get("items");
        assertThat(received.get(0).get("text").asString()).isEqualTo("Received help from Alice (unverified)");
        assertThat(json.readTree(http.get("/members/" + alice + "/contributions", token).body()).get("items"))
                .as("a claim is its author's until the other side agrees").isEmpty();

        publish(List.of(event(h1, "Help", 1, new HelpAcknowledgedEvent(h1, alice, bob, "Thanks", T0.plusSeconds(120)))));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode items = json.readTree(http.get("/members/" + alice + "/contributions", token).body()).get("items");
            assertThat(items.get(0).get("text").asString()).isEqualTo("Gave help to Bob");
            assertThat(items.get(0).get("verified").asBoolean()).isTrue();
        });
    }

    /** ADR 18: help its receiver recorded is the giver's — in their stats and for others to see — once confirmed. */
    @Test
    void helpItsReceiverRecordedCountsForTheGiverOnlyOnceTheyConfirmIt() {
        String gina = "gina-" + UUID.randomUUID();
        String rick = "rick-" + UUID.randomUUID();
        String h = UUID.randomUUID().toString();
        publish(List.of(
                event(gina, "Member", 0, new MemberJoinedEvent(gina, "Gina", "", List.of(), null, T0)),
                event(rick, "Member", 0, new MemberJoinedEvent(rick, "Rick", "", List.of(), null, T0)),
                event(h, "Help", 0, new HelpGivenEvent(h, gina, rick, HelpKind.IDEA, "A pricing idea", rick, false, null,
                        T0.plusSeconds(60)))));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                get("/members/" + rick + "/stats", rick).at("/helpReceived/total").asInt()).isEqualTo(1));
        JsonNode before = get("/members/" + gina + "/stats", gina).get("helpGiven");
        assertThat(before.get("claimed").asInt()).as("not Gina's claim").isZero();
        assertThat(before.get("verified").asInt()).isZero();
        assertThat(get("/members/" + gina + "/contributions", gina).get("items")).extracting(i -> i.get("text").asString())
                .containsExactly("Gave help to Rick (unverified)");
        assertThat(get("/members/" + gina + "/contributions", rick).get("items")).as("not agreed yet").isEmpty();

        publish(List.of(event(h, "Help", 1, new HelpConfirmedEvent(h, gina, rick, T0.plusSeconds(120)))));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                get("/members/" + gina + "/stats", gina).at("/helpGiven/verified").asInt()).isEqualTo(1));
        assertThat(get("/members/" + gina + "/stats", gina).at("/helpGiven/claimed").asInt()).isZero();
        assertThat(get("/members/" + gina + "/contributions", rick).get("items")).extracting(i -> i.get("text").asString())
                .containsExactly("Gave help to Rick");
    }

    @Test
    void pagesWalkTheWholeHistoryNewestFirstWithoutRepeats() {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String help = UUID.randomUUID().toString();
            events.add(event(help, "Help", 0, new HelpGivenEvent(help, alice, bob, HelpKind.IDEA, "idea " + i, alice,
                    false, null, T0.plusSeconds(i * 10L))));
        }
        publish(events);
        String token = stack.issuer.tokenFor(alice);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                json.readTree(http.get("/members/" + alice + "/contributions?limit=100", token).body()).get("items").size() == 7);

        List<String> summaries = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = json.readTree(http.get("/members/" + alice + "/contributions?limit=3&cursor=" + cursor, token).body());
            page.get("items").forEach(item -> summaries.add(item.get("summary").asString()));
            cursor = page.get("nextCursor") == null || page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(summaries).containsExactly("idea 6", "idea 5", "idea 4", "idea 3", "idea 2", "idea 1", "idea 0");
    }

    @Test
    void badQueriesAnswerProblemJsonAndAnonymousReadersAreRejected() {
        String token = stack.issuer.tokenFor("reader");
        assertThat(http.get("/members/x/contributions", null).statusCode()).isEqualTo(401);
        for (String query : List.of("cursor=%25%25garbage", "limit=0", "limit=1000", "role=BYSTANDER", "since=yesterday")) {
            HttpResponse<String> response = http.get("/members/x/contributions?" + query, token);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json.readTree(response.body()).get("rule").asString()).isEqualTo("invalid-request");
        }
        assertThat(http.get("/v3/api-docs", null).body()).contains("/members/{memberId}/contributions",
                "/members/{memberId}/stats", "/members/{memberId}/connections", "/members/{memberId}/suggestions",
                "/members/{memberId}/introduction-path/{otherId}", "/members/{memberId}", "/leaderboard", "/feed");
        assertThat(http.get("/actuator/prometheus", null).body())
                .contains("givefirst_projection_lag_events{projection=\"contribution-history\"");
    }
}
