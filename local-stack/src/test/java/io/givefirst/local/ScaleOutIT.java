package io.givefirst.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.givefirst.local.infra.FreePorts;
import io.givefirst.local.infra.Http;
import io.givefirst.local.infra.SseClient;
import io.givefirst.local.infra.TestStack;
import io.givefirst.local.infra.TopicReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of each service, as processes from their jars, on one MongoDB-wire server and one broker; the
 * second command-service stamps its events 3 s behind the first (a host whose clock is off, by a test hook).
 * Members act through both at once; every event stored must be on the topic, in its aggregate's order, and an
 * introduction whose steps went through different instances must become fruitful. Then the query-service
 * instance running a rebuild is killed and started again: exactly one new generation of each read model goes
 * live, and it answers as the read models built while the members acted. A write's Consistency-Token is answered by
 * either query instance, during a rebuild too; a member's notification stream resumes on the other instance.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final int MEMBERS = 20;
    private static final int CLIENTS = 16;
    private static final int ROUNDS = 80;
    private static TestStack stack;
    private static final List<ServiceProcess> services = new ArrayList<>();
    private static Http onTime;
    private static Http late;
    private static final Map<String, ServiceProcess> queryServices = new HashMap<>();
    private static final Map<String, Integer> queryPorts = new HashMap<>();
    private static Map<String, String> queryEnvironment;

    @BeforeAll
    static void startTwoInstances() {
        stack = TestStack.dedicated();
        int first = FreePorts.pick();
        int second = FreePorts.pick();
        Path logs = Path.of("target", "service-logs", "scale-out");
        Map<String, String> skewed = new HashMap<>(stack.serviceEnvironment());
        skewed.put("GIVEFIRST_TEST_HOOKS_CLOCK_OFFSET", "-PT3S");
        services.add(ServiceProcess.start("command-service-a", Path.of("target", "services", "command-service.jar"),
                first, stack.serviceEnvironment(), logs));
        services.add(ServiceProcess.start("command-service-b", Path.of("target", "services", "command-service.jar"),
                second, skewed, logs));
        queryEnvironment = new HashMap<>(stack.serviceEnvironment());
        queryEnvironment.put("GIVEFIRST_REBUILD_LEASE", "PT5S"); // a stopped instance's rebuild is taken over within seconds
        for (String name : List.of("query-service-1", "query-service-2")) {
            queryPorts.put(name, FreePorts.pick());
            queryServices.put(name, startQueryService(name));
        }
        services.forEach(service -> service.awaitHealthy(Duration.ofMinutes(3)));
        queryServices.values().forEach(service -> service.awaitHealthy(Duration.ofMinutes(3)));
        onTime = new Http("http://localhost:" + first);
        late = new Http("http://localhost:" + second);
    }

    private static ServiceProcess startQueryService(String name) {
        return ServiceProcess.start(name, Path.of("target", "services", "query-service.jar"), queryPorts.get(name),
                queryEnvironment, Path.of("target", "service-logs", "scale-out"));
    }

    @AfterAll
    static void stop() {
        services.forEach(ServiceProcess::stop);
        queryServices.values().forEach(ServiceProcess::stop);
        stack.stop();
    }

    private static String token(String member) {
        return stack.issuer.tokenFor(member);
    }

    private static String created(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get(field).asString();
    }

    @Test
    @Order(1)
    void everyEventStoredThroughEitherInstanceIsPublishedInItsAggregatesOrder() throws Exception {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String member = "scale-" + i;
            created((i % 2 == 0 ? onTime : late).post("/members", token(member), "{\"displayName\":\"M" + i + "\"}"), "memberId");
            members.add(member);
        }
        AtomicInteger refused = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            done.add(clients.submit(() -> {
                for (int r = 0; r < ROUNDS; r++) {
                    int round = r;
                    String giver = members.get((client + round) % MEMBERS);
                    String receiver = members.get((client + round + 1) % MEMBERS);
                    Http first = (client + round) % 2 == 0 ? onTime : late;
                    Http second = first == onTime ? late : onTime;
                    act(() -> {
                        String help = created(first.post("/help", token(giver), "{\"receiverId\":\"" + receiver
                                + "\",\"kind\":\"IDEA\",\"summary\":\"Round " + round + "\"}"), "helpId");
                        second.post("/help/" + help + "/acknowledgement", token(receiver), "{}");
                        String meeting = created(second.post("/meetings", token(giver),
                                "{\"withMemberId\":\"" + receiver + "\",\"context\":\"Round " + round + "\"}"), "meetingId");
                        first.post("/meetings/" + meeting + "/confirmation", token(receiver), null);
                    }, refused);
                }
            }));
        }
        for (Future<?> client : done) {
            client.get(10, TimeUnit.MINUTES);
        }
        clients.shutdown();

        try (MongoClient mongo = MongoClients.create(stack.mongo.uri(""))) {
            MongoCollection<Document> store = mongo.getDatabase("givefirst-commands").getCollection("domainevents");
            Set<String> stored = new HashSet<>();
            store.find().forEach(e -> stored.add(e.getString("aggregateIdentifier") + "#" + e.get("sequenceNumber")));
            assertThat(stored).as("events stored through both instances").hasSizeGreaterThanOrEqualTo(5_000);

            try (TopicReader reader = new TopicReader(stack.broker.bootstrapServers(), "givefirst.events")) {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(published(reader.poll())).as("stored but not on the topic")
                                .containsAll(stored));
                assertThat(outOfOrder(reader.poll())).as("records after a higher sequence of their aggregate").isEmpty();
            }
        }
        assertThat(refused.get()).as("commands refused (conflicts after retries)").isLessThan(ROUNDS * CLIENTS / 10);
    }

    @Test
    @Order(2)
    void anIntroductionWhoseStepsWentThroughBothInstancesBecomesFruitful() {
        String introducer = "intro-a";
        String first = "intro-b";
        String second = "intro-c";
        created(onTime.post("/members", token(introducer), "{\"displayName\":\"A\"}"), "memberId");
        created(late.post("/members", token(first), "{\"displayName\":\"B\"}"), "memberId");
        created(onTime.post("/members", token(second), "{\"displayName\":\"C\"}"), "memberId");
        String intro = created(onTime.post("/introductions", token(introducer), "{\"firstMemberId\":\"" + first
                + "\",\"secondMemberId\":\"" + second + "\",\"reason\":\"Both build batteries\"}"), "introductionId");
        assertThat(late.post("/introductions/" + intro + "/acceptance", token(first), null).statusCode()).isEqualTo(200);
        assertThat(onTime.post("/introductions/" + intro + "/acceptance", token(second), null).statusCode()).isEqualTo(200);
        created(late.post("/meetings", token(second), "{\"withMemberId\":\"" + first + "\",\"context\":\"Coffee\","
                + "\"introductionId\":\"" + intro + "\"}"), "meetingId");

        try (MongoClient mongo = MongoClients.create(stack.mongo.uri(""))) {
            MongoCollection<Document> store = mongo.getDatabase("givefirst-commands").getCollection("domainevents");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(store.countDocuments(Filters.and(
                    Filters.eq("aggregateIdentifier", intro),
                    Filters.eq("payloadType", "io.givefirst.events.introduction.IntroductionFruitfulEvent"))))
                    .isEqualTo(1));
        }
    }

    @Test
    @Order(3)
    void aChangeMadeOnOneInstanceIsSeenByTheOtherBeforeItDecides() {
        String member = "profile-" + System.nanoTime();
        created(onTime.post("/members", token(member), "{\"displayName\":\"Before\"}"), "memberId");
        assertThat(late.put("/members/me/profile", token(member), "{\"displayName\":\"After\"}").statusCode())
                .isEqualTo(200);
        // the first instance still holds the member as it joined; changing the name back is a change all the same
        assertThat(onTime.put("/members/me/profile", token(member), "{\"displayName\":\"Before\"}").statusCode())
                .isEqualTo(200);
        try (MongoClient mongo = MongoClients.create(stack.mongo.uri(""))) {
            assertThat(mongo.getDatabase("givefirst-commands").getCollection("domainevents")
                    .countDocuments(Filters.eq("aggregateIdentifier", member))).as("joined, renamed, renamed back")
                    .isEqualTo(3);
        }
    }

    @Test
    @Order(4)
    void aRebuildWhoseInstanceIsKilledGoesLiveOnceAndEqualsTheReadModelsBuiltLive() throws Exception {
        Http one = queryHttp("query-service-1");
        Http two = queryHttp("query-service-2");
        String admin = stack.issuer.adminTokenFor("ops");
        try (MongoClient mongo = MongoClients.create(stack.mongo.uri(""))) {
            long stored = mongo.getDatabase("givefirst-commands").getCollection("domainevents").countDocuments();
            assertThat(stored).as("the members' acts of the tests before").isGreaterThan(5_000);
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(json.readTree(two.get("/admin/projections", admin).body()))
                            .allSatisfy(p -> assertThat(p.get("liveLag").asLong()).as(p.toString()).isZero()));
            Thread.sleep(11_000); // the leaderboard is ranked again at most every 10 s: let it rank everything
            Map<String, String> builtLive = answers(two);
            assertThat(ReadModelChecks.differences(answers(one), builtLive)).as("both instances answer alike").isEmpty();
            MongoCollection<Document> control = mongo.getDatabase("givefirst-read").getCollection("projection_generations");
            Map<String, Integer> liveBefore = ReadModelChecks.liveGenerations(control);

            HttpResponse<String> started = one.post("/admin/projections/rebuild", admin, "{}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            List<Document> building = control.find(Filters.exists("building")).into(new ArrayList<>());
            assertThat(building).as("rebuilding on the first instance when it is killed").isNotEmpty()
                    .allSatisfy(d -> assertThat(d.getString("owner")).startsWith(pidOf("query-service-1") + "@"));
            queryServices.get("query-service-1").process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            queryServices.put("query-service-1", startQueryService("query-service-1"));
            queryServices.get("query-service-1").awaitHealthy(Duration.ofMinutes(3));

            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(control.find().into(new ArrayList<>())).allSatisfy(d -> {
                        assertThat(d.getInteger("live")).as(d.toJson()).isGreaterThan(liveBefore.get(d.getString("_id")));
                        assertThat(d).as("no rebuild running, nothing waiting to be dropped")
                                .doesNotContainKeys("building", "owner", "previous");
                    }));
            Map<String, Integer> liveAfter = ReadModelChecks.liveGenerations(control);
            Set<Integer> generationsLeft = new HashSet<>();
            mongo.getDatabase("givefirst-read").listCollectionNames().forEach(name -> {
                if (name.contains("__g")) {
                    generationsLeft.add(Integer.parseInt(name.substring(name.indexOf("__g") + 3)));
                }
            });
            assertThat(generationsLeft).as("only the live generations remain, no half-built or old one")
                    .isEqualTo(new HashSet<>(liveAfter.values()));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(ReadModelChecks.differences(answers(one), builtLive)).as("the rebuilt read models, on the restarted instance")
                        .isEmpty();
                assertThat(ReadModelChecks.differences(answers(two), builtLive)).as("the rebuilt read models, on the other instance")
                        .isEmpty();
            });
        }
    }

    private static Http queryHttp(String name) {
        return new Http("http://localhost:" + queryPorts.get(name));
    }

    private static long pidOf(String name) {
        return queryServices.get(name).process().pid();
    }

    /** What members and the portal see of every read model. */
    private static Map<String, String> answers(Http query) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            members.add("scale-" + i);
        }
        return ReadModelChecks.answers(query, token("scale-0"), members);
    }

    @Test
    @Order(5)
    void aMemberForgottenThroughOneInstanceIsUnreadableThroughEveryInstance() {
        String gina = "gina-" + System.nanoTime();
        String hugo = "hugo-" + System.nanoTime();
        created(onTime.post("/members", token(gina), "{\"displayName\":\"Gina Ortiz\",\"headline\":\"Beekeeper\"}"),
                "memberId");
        created(late.post("/members", token(hugo), "{\"displayName\":\"Hugo\"}"), "memberId");
        // her key was made by the first instance; the second seals her text with it
        created(late.post("/help", token(gina), "{\"receiverId\":\"" + hugo
                + "\",\"kind\":\"RESOURCE\",\"summary\":\"Queen bee suppliers\"}"), "helpId");
        List<Http> readers = queryPorts.values().stream().map(port -> new Http("http://localhost:" + port)).toList();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(readers).allSatisfy(query ->
                assertThat(query.get("/members/" + hugo + "/contributions", token(hugo)).body())
                        .contains("Received help from Gina Ortiz", "Queen bee suppliers")));

        assertThat(late.post("/members/me/erasure", token(gina), null).statusCode()).isEqualTo(200);
        assertThat(onTime.put("/members/me/profile", token(gina), "{\"displayName\":\"Gina again\"}").body())
                .as("the other instance knows at once").contains("member-left");
        // each query instance keeps an opened key at most 30 s
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(readers).allSatisfy(query -> {
            String history = query.get("/members/" + hugo + "/contributions", token(hugo)).body();
            assertThat(history).contains("Received help from Former member").doesNotContain("Gina", "Queen bee");
            assertThat(query.get("/members/" + gina, token(hugo)).body()).doesNotContain("Gina", "Beekeeper");
        }));
    }

    /**
     * Read your own writes across instances: each write goes through one command-service, its query with the write's
     * Consistency-Token through either query-service — while a rebuild runs, so the live generation is what answers.
     */
    @Test
    @Order(6)
    void aWritesConsistencyTokenIsAnsweredByEitherQueryInstanceEvenDuringARebuild() {
        String giver = "rw-giver-" + System.nanoTime();
        String receiver = "rw-receiver-" + System.nanoTime();
        created(onTime.post("/members", token(giver), "{\"displayName\":\"Giver\"}"), "memberId");
        created(late.post("/members", token(receiver), "{\"displayName\":\"Receiver\"}"), "memberId");
        Http one = queryHttp("query-service-1");
        Http two = queryHttp("query-service-2");
        try (MongoClient mongo = MongoClients.create(stack.mongo.uri(""))) {
            MongoCollection<Document> control = mongo.getDatabase("givefirst-read").getCollection("projection_generations");
            HttpResponse<String> started = one.post("/admin/projections/rebuild", stack.issuer.adminTokenFor("ops"), "{}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            int duringRebuild = 0;
            for (int i = 0; i < 30; i++) {
                HttpResponse<String> given = (i % 2 == 0 ? onTime : late).post("/help", token(giver),
                        "{\"receiverId\":\"" + receiver + "\",\"kind\":\"IDEA\",\"summary\":\"Idea number " + i + "\"}");
                created(given, "helpId");
                String consistency = given.headers().firstValue("Consistency-Token").orElseThrow();
                HttpResponse<String> history = (i % 2 == 0 ? two : one).get("/members/" + giver
                        + "/contributions?kind=HELP&limit=100", token(giver), Map.of("Consistency-Token", consistency));
                assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
                List<String> summaries = new ArrayList<>();
                json.readTree(history.body()).get("items").forEach(item -> summaries.add(item.get("summary").asString()));
                assertThat(summaries).as("the help just given, at once").contains("Idea number " + i);
                duringRebuild += control.countDocuments(Filters.exists("building")) > 0 ? 1 : 0;
            }
            assertThat(duringRebuild).as("writes read back while the rebuild ran").isPositive();

            String ahead = "v1~" + java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(giver.getBytes(StandardCharsets.UTF_8)) + ".1000";
            HttpResponse<String> notYet = one.get("/members/" + giver, token(giver), Map.of("Consistency-Token", ahead));
            assertThat(notYet.statusCode()).as("a write the read model has not applied").isEqualTo(503);
            assertThat(notYet.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(json.readTree(notYet.body()).get("rule").asString()).isEqualTo("consistency-not-reached");
            HttpResponse<String> forged = two.get("/members/" + giver, token(giver), Map.of("Consistency-Token", "v1~%%"));
            assertThat(forged.statusCode()).isEqualTo(400);
            assertThat(json.readTree(forged.body()).get("rule").asString()).isEqualTo("invalid-consistency-token");
        }
    }

    /**
     * Live notifications: a member's stream on one query instance tells of help given to them; the member drops the
     * connection, more happens, and a reconnect with Last-Event-ID to the other instance gets exactly what was missed.
     */
    @Test
    @Order(7)
    void notificationsResumeOnTheOtherInstanceWithNoGapAndNoRepeat() throws Exception {
        String giver = "nf-giver-" + System.nanoTime();
        String receiver = "nf-receiver-" + System.nanoTime();
        created(onTime.post("/members", token(giver), "{\"displayName\":\"Giver\"}"), "memberId");
        created(late.post("/members", token(receiver), "{\"displayName\":\"Receiver\"}"), "memberId");
        String path = "/members/me/notifications";
        String lastSeen;
        try (SseClient first = SseClient.open(queryHttp("query-service-1").base() + path, token(receiver), null)) {
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.next(Duration.ofSeconds(10))).as("the stream opens").extracting(SseClient.Event::name)
                    .isEqualTo("ready");
            String help = created(onTime.post("/help", token(giver), "{\"receiverId\":\"" + receiver
                    + "\",\"kind\":\"IDEA\",\"summary\":\"Live\"}"), "helpId");
            SseClient.Event told = first.next(Duration.ofSeconds(30));
            assertThat(told).as("help given to me, live").isNotNull();
            assertThat(told.name()).isEqualTo("help-received");
            assertThat(json.readTree(told.data()).get("subjectId").asString()).isEqualTo(help);
            assertThat(json.readTree(told.data()).get("from").asString()).isEqualTo(giver);
            lastSeen = told.id();
        }
        Set<String> missed = new HashSet<>();
        missed.add(created(late.post("/help", token(giver), "{\"receiverId\":\"" + receiver
                + "\",\"kind\":\"RESOURCE\",\"summary\":\"While away\"}"), "helpId"));
        missed.add(created(onTime.post("/meetings", token(giver), "{\"withMemberId\":\"" + receiver
                + "\",\"context\":\"While away\"}"), "meetingId"));
        assertThat(late.post("/members/" + receiver + "/card-requests", token(giver), null).statusCode()).isEqualTo(201);
        missed.add(receiver);

        try (SseClient again = SseClient.open(queryHttp("query-service-2").base() + path, token(receiver), lastSeen)) {
            assertThat(again.status()).isEqualTo(200);
            Map<String, String> received = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.size() < 3 && System.nanoTime() < deadline) {
                SseClient.Event event = again.next(Duration.ofSeconds(1));
                if (event != null && !event.name().equals("ready")) {
                    assertThat(received.put(json.readTree(event.data()).get("subjectId").asString(), event.name()))
                            .as("told once").isNull();
                }
            }
            assertThat(received.keySet()).as("what happened while away, on the other instance").isEqualTo(missed);
            assertThat(received.values()).containsExactlyInAnyOrder("help-received", "meeting-to-confirm",
                    "card-requested");
            SseClient.Event more = again.next(Duration.ofSeconds(3));
            assertThat(more).as("nothing repeated").isNull();
        }
    }

    private static void act(Runnable round, AtomicInteger refused) {
        try {
            round.run();
        } catch (AssertionError conflict) {
            refused.incrementAndGet();
        }
    }

    private static Set<String> published(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> keys = new HashSet<>();
        records.forEach(r -> keys.add(r.key() + "#" + sequence(r)));
        return keys;
    }

    /** Records whose aggregate already had a higher sequence earlier on the topic. */
    private static List<String> outOfOrder(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Long> highest = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            long sequence = sequence(record);
            Long before = highest.get(record.key());
            if (before != null && sequence < before) {
                wrong.add(record.key() + "#" + sequence + " after #" + before);
            }
            highest.merge(record.key(), sequence, Math::max);
        }
        return wrong;
    }

    private static long sequence(ConsumerRecord<String, byte[]> record) {
        return Long.parseLong(new String(record.headers().lastHeader("ce_sequence").value(), StandardCharsets.UTF_8));
    }
}
