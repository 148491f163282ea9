package io.givefirst.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.givefirst.events.meeting.MeetingConfirmedEvent;
import io.givefirst.events.meeting.MeetingRecordedEvent;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.wire.EventEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every portal screen after the {@link Story}, with values a person can check by hand against the story.
 */
class ReadModelsApiIT extends QueryApiTestBase {
    private Story story;

    @BeforeEach
    void tellTheStory() {
        story = new Story("r" + UUID.randomUUID().toString().substring(0, 8) + "-");
        publish(story.inOrder());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(get("/members/" + story.alice + "/stats", story.alice).at("/introductionsFruitful").asInt()).isEqualTo(1);
            assertThat(get("/members/" + story.dave, story.alice).get("active").asBoolean()).isFalse();
            assertThat(get("/members/" + story.erin, story.alice).get("active").asBoolean()).isFalse();
            assertThat(get("/members/" + story.bob + "/connections", story.bob)).hasSize(2);
            assertThat(get("/members/" + story.alice + "/contributions?kind=INTRODUCTION&role=INTRODUCER", story.alice)
                    .at("/items/0/status").asString()).isEqualTo("FRUITFUL");
            assertThat(leaderboardEntry(story.alice)).isNotNull();
        });
    }

    @Test
    void profilesShowOpenNeedsAndOffersOnly() {
        JsonNode bob = get("/members/" + story.bob, story.alice);
        assertThat(bob.get("displayName").asString()).isEqualTo("Bob B.");
        assertThat(bob.get("headline").asString()).isEqualTo("Builds batteries");
        assertThat(bob.at("/openNeeds/0/description").asString()).isEqualTo("Feedback on my pitch deck");
        JsonNode alice = get("/members/" + story.alice, story.bob);
        assertThat(alice.get("openOffers")).hasSize(1);
        assertThat(alice.at("/openOffers/0/tags").toString()).isEqualTo("[\"pitch\",\"fundraising\"]");
        assertThat(http.get("/members/nobody-" + UUID.randomUUID(), stack.issuer.tokenFor("x")).statusCode()).isEqualTo(404);
    }

    @Test
    void statsCountVerifiedHelpAndConfirmedMeetings() {
        JsonNode alice = get("/members/" + story.alice + "/stats", story.alice);
        assertThat(alice.at("/helpGiven/verified").asInt()).isEqualTo(2);
        assertThat(alice.at("/helpGiven/claimed").asInt()).isEqualTo(0);
        assertThat(alice.at("/helpReceived/total").asInt()).isEqualTo(1);
        assertThat(alice.at("/helpReceived/verified").asInt()).isEqualTo(0);
        assertThat(alice.get("uniquePeopleHelped").asInt()).isEqualTo(2);
        assertThat(alice.get("introductionsMade").asInt()).isEqualTo(1);
        assertThat(alice.get("meetings").asInt()).isEqualTo(1);
        assertThat(alice.get("followUps").asInt()).isEqualTo(1);
        JsonNode bob = get("/members/" + story.bob + "/stats", story.alice);
        assertThat(bob.at("/helpGiven/claimed").asInt()).isEqualTo(1);
        assertThat(bob.get("meetings").asInt()).isEqualTo(2);
        assertThat(bob.get("cardRequestsReceived").asInt()).isEqualTo(2);
        assertThat(bob.get("introductionsFruitful").asInt()).isEqualTo(0);
        JsonNode dave = get("/members/" + story.dave + "/stats", story.alice);
        assertThat(dave.at("/helpGiven/disputed").asInt()).isEqualTo(1);
        assertThat(dave.at("/helpGiven/verified").asInt()).isEqualTo(0);
    }

    @Test
    void historyTellsEveryActAndKeepsNotesPrivate() {
        List<String> texts = new ArrayList<>();
        get("/members/" + story.alice + "/contributions?limit=100", story.alice).get("items")
                .forEach(i -> texts.add(i.get("text").asString()));
        assertThat(texts).contains("Introduced Bob B. to Carol (fruitful)", "Met Bob B. at Founders breakfast",
                "Gave help to Bob B.", "Gave help to Carol", "Received help from Bob B. (unverified)",
                "Asked Bob B. for their card", "Followed up with Bob B.", "Was introduced to Dave by Bob B. (declined)");
        String meeting = "/members/" + story.alice + "/contributions?kind=MEETING";
        assertThat(get(meeting, story.alice).at("/items/0/privateNote").asString()).isEqualTo("Bob raises a seed round");
        assertThat(get(meeting, story.bob).at("/items/0/privateNote").isNull()).isTrue();
        assertThat(get("/members/" + story.carol + "/contributions?kind=HELP&role=RECEIVER", story.carol).get("items"))
                .extracting(i -> i.get("text").asString())
                .containsExactly("Received help from Dave (disputed)", "Received help from Alice");
    }

    /** OWASP API3 Broken Object Property Level Authorization: what only one side said stays with its owner. */
    @Test
    void anotherMemberSeesOnlyWhatBothSidesAgreedTo() {
        List<String> texts = new ArrayList<>();
        get("/members/" + story.alice + "/contributions?limit=100", "stranger").get("items")
                .forEach(i -> texts.add(i.get("text").asString()));
        assertThat(texts).containsExactlyInAnyOrder("Introduced Bob B. to Carol (fruitful)",
                "Met Bob B. at Founders breakfast", "Gave help to Bob B.", "Gave help to Carol");
        assertThat(get("/members/" + story.carol + "/contributions?kind=HELP&role=RECEIVER", story.bob).get("items"))
                .extracting(i -> i.get("text").asString()).containsExactly("Received help from Alice");
        assertThat(get("/members/" + story.alice + "/contributions?limit=100", story.bob).get("items"))
                .as("not even to the other side of a claim").extracting(i -> i.get("text").asString())
                .noneMatch(text -> text.contains("(unverified)") || text.contains("card"));
    }

    @Test
    void connectionsAreWeightedByConfirmedRelationships() {
        JsonNode bob = get("/members/" + story.bob + "/connections", story.bob);
        assertThat(bob.at("/0/memberId").asString()).isEqualTo(story.alice);
        assertThat(bob.at("/0/strength").asInt()).isEqualTo(5);
        assertThat(bob.at("/1/memberId").asString()).isEqualTo(story.carol);
        assertThat(bob.at("/1/strength").asInt()).isEqualTo(4);
        assertThat(get("/members/" + story.dave + "/connections", story.bob)).isEmpty();
    }

    @Test
    void theIntroductionPathNamesWhoCouldIntroduce() {
        String x = story.alice + "-x";
        String z = story.alice + "-z";
        List<EventEnvelope> events = new ArrayList<>();
        events.add(envelope(x, 0, new MemberJoinedEvent(x, "Xena", "", List.of(), null, Story.T0)));
        events.add(envelope(z, 0, new MemberJoinedEvent(z, "Zoe", "", List.of(), null, Story.T0)));
        meet(events, x, story.bob);
        meet(events, story.carol, z);
        publish(events);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode path = get("/members/" + x + "/introduction-path/" + z, x);
            assertThat(path.get("found").asBoolean()).isTrue();
            assertThat(path.get("hops").asInt()).isEqualTo(3);
            assertThat(path.get("introducers")).extracting(p -> p.get("displayName").asString())
                    .containsExactly("Bob B.", "Carol");
        });
        assertThat(get("/members/" + story.dave + "/introduction-path/" + story.carol, story.dave)
                .get("found").asBoolean()).isFalse();
    }

    @Test
    void suggestionsMatchMyOffersToOthersOpenNeeds() {
        JsonNode suggestions = get("/members/" + story.alice + "/suggestions", story.alice);
        // other tests' stories share the read model: this story's members only (Erin, forgotten, is not among them)
        String ours = story.alice.substring(0, story.alice.indexOf('-') + 1);
        assertThat(suggestions).extracting(s -> s.get("memberId").asString()).filteredOn(id -> id.startsWith(ours))
                .containsExactly(story.carol, story.bob);
        assertThat(suggestions.at("/0/matchingTags").toString()).isEqualTo("[\"fundraising\"]");
        assertThat(get("/members/" + story.bob + "/suggestions", story.bob)).isEmpty();
    }

    @Test
    void anErasedMemberIsAFormerMemberEverywhereEvenInValuesFromBeforeSealing() {
        JsonNode erin = get("/members/" + story.erin, story.alice);
        assertThat(erin.get("displayName").asString()).isEqualTo("Former member");
        assertThat(erin.get("headline").isNull()).isTrue();
        assertThat(erin.get("interests")).isEmpty();
        assertThat(erin.get("openNeeds")).as("her need is not offered to anyone").isEmpty();
        List<String> texts = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 50 && cursor != null; page++) {
            JsonNode feed = get("/feed?limit=100&cursor=" + cursor, story.alice);
            feed.get("items").forEach(item -> {
                if (item.get("memberIds").toString().contains(story.erin)) {
                    texts.add(item.get("text").asString() + " " + item.get("detail"));
                }
            });
            cursor = feed.get("nextCursor").isNull() ? null : feed.get("nextCursor").asString();
        }
        assertThat(texts).hasSize(2).allSatisfy(text -> assertThat(text).startsWith("Former member ")
                .doesNotContain("Erin", "Seed investor", "co-pilot"));
    }

    @Test
    void theLeaderboardRanksVerifiedHelpNeverClaims() {
        JsonNode alice = leaderboardEntry(story.alice);
        assertThat(alice.get("verifiedHelp").asInt()).isEqualTo(2);
        assertThat(alice.get("uniqueBeneficiaries").asInt()).isEqualTo(2);
        assertThat(leaderboardEntry(story.bob)).as("a claim is not on the board").isNull();
        assertThat(leaderboardEntry(story.dave)).as("disputed help is not on the board").isNull();
        JsonNode lastWeek = get("/leaderboard?period=P7D&limit=100", story.alice).get("givers");
        assertThat(lastWeek).noneMatch(g -> g.get("memberId").asString().equals(story.alice));
        assertThat(http.get("/leaderboard?period=yesterday", stack.issuer.tokenFor("x")).statusCode()).isEqualTo(400);
    }

    /** A fixed set of periods, each computed once for every limit: no request makes the board compute afresh. */
    @Test
    void theLeaderboardAnswersAFixedSetOfPeriodsAndEveryLimitReadsTheSameRanking() {
        JsonNode all = get("/leaderboard?period=ALL&limit=100", story.alice);
        JsonNode top = get("/leaderboard?period=all&limit=1", story.alice);
        assertThat(top.get("period").asString()).isEqualTo("ALL");
        assertThat(top.get("givers")).hasSize(1);
        assertThat(top.get("givers").get(0)).isEqualTo(all.get("givers").get(0));
        for (String period : List.of("P3659D", "P1D", "PT1S", "P30D ALL")) {
            var refused = http.get("/leaderboard?period=" + period.replace(" ", "%20"), stack.issuer.tokenFor("x"));
            assertThat(refused.statusCode()).as(period).isEqualTo(400);
            assertThat(refused.body()).as(period).contains("P7D, P30D, P90D, P365D, ALL");
        }
    }

    @Test
    void theFeedShowsConfirmedActsAndNoClaims() {
        List<JsonNode> ours = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 50 && cursor != null; page++) {
            JsonNode feed = get("/feed?limit=100&cursor=" + cursor, story.alice);
            feed.get("items").forEach(item -> {
                if (item.get("memberIds").toString().contains(story.alice.substring(0, 10))) {
                    ours.add(item);
                }
            });
            cursor = feed.get("nextCursor").isNull() ? null : feed.get("nextCursor").asString();
        }
        assertThat(ours).extracting(i -> i.get("text").asString()).contains("Alice helped Bob B.", "Alice helped Carol",
                "Alice and Bob B. met", "Alice introduced Bob B. and Carol",
                "Alice's introduction of Bob B. and Carol bore fruit", "Carol is looking for: Advice on raising a fund")
                .doesNotContain("Bob B. helped Alice", "Dave helped Carol");
    }

    private JsonNode leaderboardEntry(String memberId) {
        for (JsonNode giver : get("/leaderboard?period=ALL&limit=100", memberId).get("givers")) {
            if (giver.get("memberId").asString().equals(memberId)) {
                return giver;
            }
        }
        return null;
    }

    private static void meet(List<EventEnvelope> events, String one, String other) {
        String meeting = "meet-" + UUID.randomUUID();
        events.add(envelope(meeting, 0, new MeetingRecordedEvent(meeting, one, other, "", "", null, Story.T0)));
        events.add(envelope(meeting, 1, new MeetingConfirmedEvent(meeting, other, one, Story.T0)));
    }

    private static EventEnvelope envelope(String aggregateId, long sequence, io.givefirst.events.DomainEvent event) {
        return new EventEnvelope(UUID.randomUUID().toString(), "/test", aggregateId, "Test", sequence,
                event.occurredAt(), event);
    }
}
