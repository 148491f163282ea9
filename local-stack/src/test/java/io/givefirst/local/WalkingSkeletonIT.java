package io.givefirst.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.givefirst.local.infra.FreePorts;
import io.givefirst.local.infra.Http;
import io.givefirst.local.infra.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's story on the README's stack — the same launcher, the services' real jars as child processes,
 * a real KRaft broker and the file-backed MongoDB-wire server: HTTP → store → Kafka → read model → HTTP.
 */
class WalkingSkeletonIT {
    private static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path data;

    private StackSettings settings() {
        return new StackSettings(data, Path.of("target", "services"), Path.of("target", "service-logs"),
                FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick());
    }

    @Test
    void helpTravelsFromCommandToHistorySurvivesARepublishAndARestart() throws java.io.IOException {
        StackSettings settings = settings();
        String helpId;
        try (LocalStack stack = LocalStack.start(settings)) {
            Http commands = new Http(settings.commandUrl());
            Http queries = new Http(settings.queryUrl());
            String alice = stack.issuer().tokenFor("alice");
            String bob = stack.issuer().tokenFor("bob");

            assertThat(commands.post("/members", alice, "{\"displayName\":\"Alice\"}").statusCode()).isEqualTo(201);
            assertThat(commands.post("/members", bob, "{\"displayName\":\"Bob\"}").statusCode()).isEqualTo(201);
            var given = commands.post("/help", alice, "{\"receiverId\":\"bob\",\"kind\":\"FEEDBACK\",\"summary\":\"Notes on the deck\"}");
            assertThat(given.statusCode()).isEqualTo(201);
            helpId = json.readTree(given.body()).get("helpId").asString();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    firstEntryText(queries, "alice", alice)).isEqualTo("Gave help to Bob (unverified)"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    firstEntryText(queries, "bob", bob)).isEqualTo("Received help from Alice (unverified)"));

            var acknowledged = commands.post("/help/" + helpId + "/acknowledgement", bob, "{\"thanks\":\"Thanks!\"}");
            assertThat(acknowledged.statusCode()).isEqualTo(200);
            // read your own writes: with the write's Consistency-Token the query answers only once it shows the write
            String consistency = acknowledged.headers().firstValue("Consistency-Token").orElseThrow();
            JsonNode verified = json.readTree(queries.get("/members/alice/contributions", alice,
                    java.util.Map.of("Consistency-Token", consistency)).body()).get("items");
            assertThat(verified.get(0).get("text").asString()).isEqualTo("Gave help to Bob");

            // OWASP API8 Security Misconfiguration: the embedded default answers this machine only, its key files
            // are its owner's alone
            for (java.net.InetAddress outside : nonLoopbackAddresses()) {
                for (int port : List.of(settings.commandPort(), settings.queryPort())) {
                    assertThat(answers(outside, port)).as(outside + ":" + port).isFalse();
                }
            }
            for (Path secret : List.of(settings.dataDir().resolve("dev-issuer").resolve("key.json"),
                    settings.dataDir().resolve("keys").resolve("personal-kek.json"))) {
                assertThat(java.nio.file.Files.getPosixFilePermissions(secret)).as(secret.toString()).containsOnly(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            }

            // nobody gets in without a token, and nobody acknowledges for someone else
            assertThat(commands.post("/help", null, "{}").statusCode()).isEqualTo(401);
            assertThat(queries.get("/members/alice/contributions", null).statusCode()).isEqualTo(401);
            assertThat(commands.post("/help/" + helpId + "/acknowledgement", alice, "{}").statusCode()).isEqualTo(403);

            try (TopicReader reader = new TopicReader("localhost:" + settings.kafkaPort(), "givefirst.events")) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(reader.poll()).extracting(r -> r.key()).containsOnlyOnce("alice", "bob")
                                .filteredOn(helpId::equals).hasSize(2));
            }

            // an admin re-publishes the whole store: consumers see every event again, read models do not change
            String historyBefore = queries.get("/members/alice/contributions", alice).body();
            String statsBefore = queries.get("/members/bob/stats", bob).body();
            String admin = stack.issuer().adminTokenFor("ops");
            assertThat(commands.post("/admin/relay/republish", admin, null).statusCode()).isEqualTo(202);
            try (TopicReader reader = new TopicReader("localhost:" + settings.kafkaPort(), "givefirst.events")) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(reader.poll())
                        .extracting(r -> r.key()).filteredOn(helpId::equals).hasSize(4));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(json.readTree(queries.get("/admin/projections", admin).body()).findValues("liveLag"))
                            .allSatisfy(lag -> assertThat(lag.asLong()).isZero()));
            assertThat(queries.get("/members/alice/contributions", alice).body()).isEqualTo(historyBefore);
            assertThat(queries.get("/members/bob/stats", bob).body()).isEqualTo(statsBefore);
        }

        StackSettings again = new StackSettings(data, settings.servicesDir(), settings.serviceLogs(),
                settings.kafkaPort(), settings.mongoPort(), settings.issuerPort(), settings.commandPort(),
                settings.queryPort());
        try (LocalStack stack = LocalStack.start(again)) {
            Http queries = new Http(again.queryUrl());
            assertThat(firstEntryText(queries, "alice", stack.issuer().tokenFor("alice"))).isEqualTo("Gave help to Bob");
            var twice = new Http(again.commandUrl()).post("/help/" + helpId + "/acknowledgement",
                    stack.issuer().tokenFor("bob"), "{}");
            assertThat(twice.statusCode()).as("the store remembers the acknowledgement").isEqualTo(409);
        }
    }

    private static String firstEntryText(Http queries, String member, String token) {
        JsonNode items = json.readTree(queries.get("/members/" + member + "/contributions", token).body()).get("items");
        return items.isEmpty() ? null : items.get(0).get("text").asString();
    }

    private static List<java.net.InetAddress> nonLoopbackAddresses() {
        try {
            return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                    .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress()).toList();
        } catch (java.net.SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean answers(java.net.InetAddress address, int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(address, port), 2000);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }
}
