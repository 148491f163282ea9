package io.givefirst.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.givefirst.local.infra.FreePorts;
import io.givefirst.local.infra.Http;
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
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two command-service instances, as processes from their jar, on one MongoDB-wire server and one broker; the
 * second stamps its events 3 s behind the first (a host whose clock is off, by a test hook). Members act
 * through both at once; every event stored must be on the topic, in its aggregate's order, and an introduction
 * whose steps went through different instances must become fruitful.
 */
class ScaleOutIT {
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final int MEMBERS = 20;
    private static final int CLIENTS = 16;
    private static final int ROUNDS = 80;
    private static TestStack stack;
    private static final List<ServiceProcess> services = new ArrayList<>();
    private static Http onTime;
    private static Http late;

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
        services.forEach(service -> service.awaitHealthy(Duration.ofMinutes(3)));
        onTime = new Http("http://localhost:" + first);
        late = new Http("http://localhost:" + second);
    }

    @AfterAll
    static void stop() {
        services.forEach(ServiceProcess::stop);
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
