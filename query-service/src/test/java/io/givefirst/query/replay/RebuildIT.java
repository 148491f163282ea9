package io.givefirst.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.query.QueryApiTestBase;
import io.givefirst.query.ReadModelDocuments;
import io.givefirst.query.Story;
import io.givefirst.query.stream.Projection;
import io.givefirst.query.stream.ReadModelCollections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Admins rebuild read models from the stream while the portal keeps reading the live ones. */
class RebuildIT extends QueryApiTestBase {
    @Autowired
    List<Projection> projections;
    @Autowired
    Generations generations;
    @Autowired
    RebuildControl control;
    @Autowired
    GenerationDrops drops;
    @Autowired
    Rebuilds rebuilds;
    @Autowired
    MongoDatabase readDatabase;
    @Autowired
    ConsumerGroupLag consumerGroups;

    private String admin() {
        return stack.issuer.adminTokenFor("ops");
    }

    private JsonNode status() {
        return json.readTree(http.get("/admin/projections", admin()).body());
    }

    private Map<String, List<Document>> liveDocuments() {
        Map<String, List<Document>> documents = new LinkedHashMap<>();
        for (Projection projection : projections) {
            ReadModelCollections live = generations.liveOf(projection.name());
            for (String collection : projection.collections()) {
                documents.put(collection, ReadModelDocuments.all(live.get(collection)));
            }
        }
        return documents;
    }

    private void awaitLiveCaughtUp(Story story) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(get("/members/" + story.alice + "/stats", story.alice).get("introductionsFruitful").asInt()).isEqualTo(1);
            assertThat(get("/members/" + story.dave, story.alice).get("active").asBoolean()).isFalse();
            assertThat(status()).allSatisfy(p -> assertThat(p.get("liveLag").asLong()).isZero());
        });
    }

    @Test
    void aRebuiltGenerationEqualsTheLiveOneAndIsSwappedInWhileQueriesKeepAnswering() {
        Story story = new Story("rb" + UUID.randomUUID().toString().substring(0, 6) + "-");
        publish(story.inOrder());
        awaitLiveCaughtUp(story);
        Map<String, List<Document>> before = liveDocuments();
        Map<String, Integer> generationsBefore = new LinkedHashMap<>();
        projections.forEach(p -> generationsBefore.put(p.name(), generations.live(p.name())));

        assertThat(http.post("/admin/projections/rebuild", stack.issuer.tokenFor(story.alice), "{}").statusCode())
                .as("members are not admins").isEqualTo(403);
        var started = http.post("/admin/projections/rebuild", admin(), "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(get("/members/" + story.alice + "/contributions", story.alice).get("items")).isNotEmpty();
            assertThat(status()).allSatisfy(p -> {
                assertThat(p.get("state").asString()).isEqualTo("LIVE");
                assertThat(p.get("liveGeneration").asInt()).isGreaterThan(generationsBefore.get(p.get("name").asString()));
            });
        });
        assertThat(liveDocuments()).isEqualTo(before);
        JsonNode history = status().get(0).get("rebuild");
        assertThat(history.get("eventsApplied").asLong()).isGreaterThanOrEqualTo(story.inOrder().size());
        assertThat(get("/members/" + story.alice + "/stats", story.alice).at("/helpGiven/verified").asInt()).isEqualTo(2);
    }

    @Test
    void aRebuildUntilAPointInTimeIsKeptAsASnapshotAndLiveStaysAsItWas() {
        Story story = new Story("sn" + UUID.randomUUID().toString().substring(0, 6) + "-");
        publish(story.inOrder());
        awaitLiveCaughtUp(story);
        int live = generations.live("member-stats");
        java.time.Instant until = Story.T0.plusSeconds(60 * 16 + 30); // after Alice's help to Bob, before Bob's thanks
        String snapshot = "day-" + UUID.randomUUID().toString().substring(0, 6);

        var started = http.post("/admin/projections/rebuild", admin(),
                "{\"projections\":[\"member-stats\",\"leaderboard\",\"member-profiles\"],\"until\":\"" + until + "\",\"snapshot\":\""
                        + snapshot + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        // member-profiles takes the longest: 45-84 s for this topic on a slow 2-core machine, the others 2-6 s
        await().atMost(Duration.ofMinutes(3)).until(() -> generations.snapshot("member-stats", snapshot) != null
                && generations.snapshot("leaderboard", snapshot) != null
                && generations.snapshot("member-profiles", snapshot) != null);

        // the snapshot equals a build fed only the events recorded up to that time
        String scratch = "expected_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        Projection expected = projections.stream().filter(p -> p.name().equals("member-stats")).findFirst().orElseThrow()
                .writingTo(name -> readDatabase.getCollection(scratch + name));
        expected.apply(story.inOrder().stream().filter(e -> !e.recordedAt().isAfter(until)).toList());
        ReadModelCollections kept = generations.generation(generations.snapshot("member-stats", snapshot));
        for (String member : List.of(story.alice, story.bob, story.carol, story.dave)) {
            assertThat(kept.get("member_stats").find(new Document("memberId", member)).sort(new Document("_id", 1))
                    .map(ReadModelDocuments::comparable).into(new ArrayList<>())).as(member).isEqualTo(readDatabase.getCollection(scratch + "member_stats")
                            .find(new Document("memberId", member)).sort(new Document("_id", 1))
                            .map(ReadModelDocuments::comparable).into(new ArrayList<>()));
        }

        assertThat(kept.get("member_stats").countDocuments(new Document("memberId", story.alice))).as("alice gave help by then")
                .isPositive();
        JsonNode then = get("/members/" + story.alice + "/stats?snapshot=" + snapshot, story.alice);
        assertThat(then.at("/helpGiven/claimed").asInt()).isEqualTo(1);
        assertThat(then.at("/helpGiven/verified").asInt()).isEqualTo(0);
        JsonNode now = get("/members/" + story.alice + "/stats", story.alice);
        assertThat(now.at("/helpGiven/verified").asInt()).isEqualTo(2);
        assertThat(generations.live("member-stats")).isEqualTo(live);
        // the leaderboard of that day (nothing verified yet; it names givers from the profiles, so those are in the
        // snapshot too), asked first, is not what the live board answers after
        assertThat(givers(snapshot, story.alice)).as("on the board of that day").doesNotContain(story.alice);
        assertThat(givers(null, story.alice)).as("on the live board").contains(story.alice);
        assertThat(http.get("/members/" + story.alice + "/stats?snapshot=nope", stack.issuer.tokenFor("x")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void queriesAnswerFromTheOldGenerationWhileOneHundredThousandEventsAreRebuilt() {
        String prefix = "big" + UUID.randomUUID().toString().substring(0, 6) + "-";
        publish(joins(prefix, 100_000));
        await().atMost(Duration.ofMinutes(4)).untilAsserted(() -> {
            assertThat(http.get("/members/" + prefix + "99999", stack.issuer.tokenFor("x")).statusCode()).isEqualTo(200);
            assertThat(status().findValues("liveLag")).allSatisfy(l -> assertThat(l.asLong()).isZero());
        });
        int before = generations.live("member-profiles");

        assertThat(http.post("/admin/projections/rebuild", admin(), "{\"projections\":[\"member-profiles\"]}")
                .statusCode()).isEqualTo(202);
        int answeredFromOldGeneration = 0;
        for (int i = 0; rebuilds.rebuilding("member-profiles"); i++) {
            boolean oldIsLive = generations.live("member-profiles") == before;
            var profile = http.get("/members/" + prefix + (i * 7919 % 100_000), stack.issuer.tokenFor("x"));
            assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
            if (oldIsLive && rebuilds.rebuilding("member-profiles")) {
                answeredFromOldGeneration++;
            }
        }
        assertThat(answeredFromOldGeneration).as("queries answered from the old generation during the rebuild").isPositive();
        await().atMost(Duration.ofMinutes(3)).until(() -> generations.live("member-profiles") > before);
        assertThat(get("/members/" + prefix + "12345", "x").get("displayName").asString()).isEqualTo("Member 12345");
        JsonNode rebuild = null;
        for (JsonNode projection : status()) {
            if (projection.get("name").asString().equals("member-profiles")) {
                rebuild = projection.get("rebuild");
            }
        }
        assertThat(rebuild.get("generation").asInt()).isEqualTo(generations.live("member-profiles"));
        assertThat(rebuild.get("eventsApplied").asLong()).isGreaterThanOrEqualTo(100_000);
        assertThat(rebuild.get("eventsPerSecond").asDouble()).isPositive();
    }

    private static List<EventEnvelope> joins(String prefix, int count) {
        List<EventEnvelope> joins = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = prefix + i;
            joins.add(new EventEnvelope(UUID.randomUUID().toString(), "/test", id, "Member", 0, Story.T0,
                    new MemberJoinedEvent(id, "Member " + i, "", List.of(), null, Story.T0)));
        }
        return joins;
    }

    @Test
    void aCancelledRebuildLeavesTheLiveModelUntouchedAndRemovesThePartialOne() {
        String prefix = "bulk" + UUID.randomUUID().toString().substring(0, 6) + "-";
        publish(joins(prefix, 5000));
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(http.get("/members/" + prefix + "4999", stack.issuer.tokenFor("x")).statusCode()).isEqualTo(200);
            assertThat(status().findValues("liveLag")).allSatisfy(l -> assertThat(l.asLong()).isZero());
        });
        // an earlier test's rebuild holds the lease until every instance serves its generation
        await().atMost(Duration.ofSeconds(60)).until(() -> !control.of("member-profiles").containsKey("owner"));
        int live = generations.live("member-profiles");

        var started = http.post("/admin/projections/rebuild", admin(), "{\"projections\":[\"member-profiles\"]}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        int building = rebuilds.latest("member-profiles").generation;
        var cancelled = http.delete("/admin/projections/rebuild", admin());
        assertThat(json.readTree(cancelled.body()).get("cancelled").toString()).contains("member-profiles");

        assertThat(generations.live("member-profiles")).isEqualTo(live);
        assertThat(readDatabase.listCollectionNames().into(new ArrayList<>()))
                .noneMatch(name -> name.endsWith("__g" + building));
        assertThat(get("/members/" + prefix + "4999", "x").get("displayName").asString()).isEqualTo("Member 4999");
        assertThat(status()).filteredOn(p -> p.get("name").asString().equals("member-profiles"))
                .singleElement().satisfies(p -> assertThat(p.get("state").asString()).isEqualTo("CANCELLED"));

        // both admin actions on record, with the admin's subject, newest first
        JsonNode actions = json.readTree(http.get("/admin/audit?limit=2", admin()).body());
        assertThat(actions).extracting(a -> a.get("method").asString() + " " + a.get("path").asString() + " "
                + a.get("subject").asString() + " " + a.get("status").asInt())
                .containsExactly("DELETE /admin/projections/rebuild ops 200",
                        "POST /admin/projections/rebuild ops 202");
        assertThat(actions.get(1).get("body").asString()).contains("member-profiles");
    }

    @Test
    void aGenerationNothingRefersToIsDroppedAndOneNotYetAllocatedIsLeftAlone() {
        await().atMost(Duration.ofSeconds(60)).until(() -> !control.of("feed").containsKey("owner")
                && !control.of("feed").containsKey("building"));
        Document seen = control.of("feed");
        int live = seen.getInteger("live", 0);
        int orphan = Math.max(live, seen.getInteger("lastGeneration", 0)) + 1;
        // allocated, as a claim does, then left behind: a build cancelled while its instance was dying
        readDatabase.getCollection(RebuildControl.COLLECTION).updateOne(com.mongodb.client.model.Filters.eq("_id", "feed"),
                com.mongodb.client.model.Updates.set("lastGeneration", orphan), new com.mongodb.client.model.UpdateOptions().upsert(true));
        String orphaned = ReadModelCollections.physicalName("feed", orphan);
        String notYetAllocated = ReadModelCollections.physicalName("feed", orphan + 1);
        readDatabase.getCollection(orphaned).insertOne(new Document("junk", true));
        readDatabase.getCollection(notYetAllocated).insertOne(new Document("junk", true));

        drops.sweepOrphans();

        List<String> names = readDatabase.listCollectionNames().into(new ArrayList<>());
        assertThat(names).doesNotContain(orphaned).contains(notYetAllocated);
        assertThat(generations.live("feed")).isEqualTo(live);
        readDatabase.getCollection(notYetAllocated).drop();
    }

    @Test
    void aRebuildInterruptedByARestartStartsAgainCleanly() {
        int live = generations.live("feed");
        int halfBuilt = live + 50;
        readDatabase.getCollection(ReadModelCollections.physicalName("feed", halfBuilt)).insertOne(new Document("junk", true));
        readDatabase.getCollection(RebuildControl.COLLECTION).updateOne(com.mongodb.client.model.Filters.eq("_id", "feed"),
                com.mongodb.client.model.Updates.combine(com.mongodb.client.model.Updates.set("building", halfBuilt),
                        com.mongodb.client.model.Updates.set("state", "REBUILDING")),
                new com.mongodb.client.model.UpdateOptions().upsert(true));

        rebuilds.resumeInterrupted();

        assertThat(readDatabase.listCollectionNames().into(new ArrayList<>()))
                .doesNotContain(ReadModelCollections.physicalName("feed", halfBuilt));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(generations.live("feed")).isGreaterThan(live));
        assertThat(get("/feed", "x").get("items")).isNotEmpty();
    }

    @Test
    void aReadModelBuiltInAnOlderShapeIsRebuiltWhenQueryServiceStarts() {
        projections.forEach(p -> assertThat(control.of(p.name()).getInteger("shape"))
                .as(p.name() + " records the shape it was built in").isEqualTo(p.shape()));
        Story story = new Story("sh" + UUID.randomUUID().toString().substring(0, 6) + "-");
        publish(story.inOrder());
        awaitLiveCaughtUp(story);
        int live = generations.live("connections");
        // what a version that kept a per-member index document leaves: shape 2 recorded, a layout this one does not read
        readDatabase.getCollection(ReadModelCollections.physicalName("connections", live)).drop();
        readDatabase.getCollection(RebuildControl.COLLECTION).updateOne(com.mongodb.client.model.Filters.eq("_id", "connections"),
                com.mongodb.client.model.Updates.set("shape", 2));
        assertThat(get("/members/" + story.bob + "/connections", story.bob)).isEmpty();

        Shapes shapes = new Shapes(projections, control, consumerGroups); // what query-service does at start
        assertThat(shapes.outdated()).containsExactly("connections");
        rebuilds.rebuildOutdated(shapes.outdated());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(generations.live("connections")).isGreaterThan(live);
            assertThat(get("/members/" + story.bob + "/connections", story.bob)).hasSize(2);
        });
        assertThat(control.of("connections").getInteger("shape")).isEqualTo(3);
    }

    private List<String> givers(String snapshot, String reader) {
        List<String> givers = new ArrayList<>();
        get("/leaderboard?period=ALL&limit=100" + (snapshot == null ? "" : "&snapshot=" + snapshot), reader)
                .get("givers").forEach(giver -> givers.add(giver.get("memberId").asString()));
        return givers;
    }
}
