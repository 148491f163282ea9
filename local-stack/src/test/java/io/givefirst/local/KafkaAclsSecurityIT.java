package io.givefirst.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.givefirst.local.infra.DevTokenIssuer;
import io.givefirst.local.infra.Folders;
import io.givefirst.local.infra.FreePorts;
import io.givefirst.local.infra.Http;
import io.givefirst.local.infra.KafkaBroker;
import io.givefirst.local.infra.MongoWireServer;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.SecurityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OWASP API Security Top 10 (2023) <b>API8 Security Misconfiguration</b>, driven for real: a Kafka broker configured
 * with docker-compose's security settings (deploy/kafka/server.properties: SASL/SCRAM, ACLs, nothing allowed
 * without one) and exactly the ACLs of deploy/kafka/acls.sh; both services run as processes with their own users.
 * Everything the platform does works — commands reach the read models, a store copy, a rebuild — and each service
 * can do no more than its grants: query-service cannot write the topic, command-service cannot leave the prefix.
 */
class KafkaAclsSecurityIT {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path LOGS = Path.of("target", "service-logs", "kafka-acls");
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final Map<String, String> PASSWORDS = Map.of("admin", "admin-secret",
            "command-service", "command-secret", "query-service", "query-secret");
    private static final List<Path> folders = new ArrayList<>();
    private static KafkaBroker broker;
    private static MongoWireServer mongo;
    private static DevTokenIssuer issuer;
    private static ServiceProcess commandService;
    private static ServiceProcess queryService;
    private static Http commands;
    private static Http queries;

    @BeforeAll
    static void start() throws Exception {
        Properties security = new Properties();
        try (Reader in = Files.newBufferedReader(REPOSITORY.resolve("deploy/kafka/server.properties"))) {
            security.load(in);
        }
        for (String local : List.of("listeners", "advertised.listeners", "controller.quorum.voters", "log.dirs",
                "node.id", "process.roles")) {
            security.remove(local); // where this broker listens and keeps its data is its own
        }
        // what start.sh adds from the environment
        security.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", jaas("admin"));
        broker = new KafkaBroker(folder("kafka-acls-"), FreePorts.pick()).secured(security, PASSWORDS).start();
        mongo = MongoWireServer.inMemory().start();
        issuer = DevTokenIssuer.ephemeral().start();
        grantTheAclsOfDeploy();

        Path keys = folder("kafka-acls-keys-");
        int commandPort = FreePorts.pick();
        int queryPort = FreePorts.pick();
        commandService = ServiceProcess.start("command-service", Path.of("target", "services", "command-service.jar"),
                commandPort, environment("command-service", keys), LOGS);
        queryService = ServiceProcess.start("query-service", Path.of("target", "services", "query-service.jar"),
                queryPort, environment("query-service", keys), LOGS);
        commandService.awaitHealthy(Duration.ofMinutes(3));
        queryService.awaitHealthy(Duration.ofMinutes(3));
        commands = new Http("http://localhost:" + commandPort);
        queries = new Http("http://localhost:" + queryPort);
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess service : new ServiceProcess[] {queryService, commandService}) {
            if (service != null) {
                service.stop();
            }
        }
        for (AutoCloseable part : new AutoCloseable[] {issuer, mongo, broker}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // already down
            }
        }
        folders.forEach(Folders::deleteQuietly);
    }

    private static Path folder(String prefix) throws Exception {
        Path folder = Files.createTempDirectory(prefix);
        folders.add(folder);
        return folder;
    }

    private static String jaas(String user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + PASSWORDS.get(user) + "\";";
    }

    private static Map<String, Object> client(String user) {
        return Map.of("bootstrap.servers", broker.bootstrapServers(), "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", jaas(user));
    }

    private static Map<String, String> environment(String service, Path keys) {
        Map<String, String> environment = new HashMap<>();
        environment.put("GIVEFIRST_MONGODB_URI", mongo.uri(""));
        environment.put("GIVEFIRST_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        environment.put("GIVEFIRST_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        environment.put("GIVEFIRST_KAFKA_USERNAME", service);
        environment.put("GIVEFIRST_KAFKA_PASSWORD", PASSWORDS.get(service));
        environment.put("GIVEFIRST_JWT_ISSUER_URI", issuer.issuer());
        environment.put("GIVEFIRST_JWT_JWK_SET_URI", issuer.jwkSetUri());
        environment.put("GIVEFIRST_JWT_AUDIENCE", DevTokenIssuer.AUDIENCE);
        environment.put("GIVEFIRST_PERSONAL_KEK", keys.resolve("personal-kek.json").toString());
        environment.put("GIVEFIRST_PRIVATE_KEK", keys.resolve("private-kek.json").toString());
        return environment;
    }

    /** Each {@code acls …} line of deploy/kafka/acls.sh, as kafka-acls.sh would create it. */
    private static void grantTheAclsOfDeploy() throws Exception {
        String script = Files.readString(REPOSITORY.resolve("deploy/kafka/acls.sh")).replace("\\\n", " ");
        List<AclBinding> bindings = new ArrayList<>();
        for (String line : script.lines().filter(l -> l.startsWith("acls ")).toList()) {
            String[] words = line.trim().split("\\s+");
            List<String> principals = new ArrayList<>();
            List<ResourcePattern> resources = new ArrayList<>();
            List<String> operations = new ArrayList<>();
            PatternType patternType = PatternType.LITERAL;
            for (int i = 1; i < words.length; i++) {
                switch (words[i]) {
                    case "--allow-principal" -> principals.add(words[++i]);
                    case "--resource-pattern-type" -> patternType = PatternType.valueOf(words[++i].toUpperCase(java.util.Locale.ROOT));
                    case "--topic" -> resources.add(new ResourcePattern(ResourceType.TOPIC, words[++i], patternType));
                    case "--group" -> resources.add(new ResourcePattern(ResourceType.GROUP, words[++i], patternType));
                    case "--cluster" -> resources.add(new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster",
                            PatternType.LITERAL));
                    case "--operation" -> operations.add(words[++i]);
                    default -> throw new IllegalStateException("acls.sh uses " + words[i] + ", unknown to this test");
                }
            }
            for (String principal : principals) {
                for (ResourcePattern resource : resources) {
                    for (String operation : operations) {
                        bindings.add(new AclBinding(resource, new AccessControlEntry(principal, "*",
                                SecurityUtils.operation(operation), AclPermissionType.ALLOW)));
                    }
                }
            }
        }
        assertThat(bindings).as("the grants of acls.sh").hasSizeGreaterThan(10);
        try (Admin admin = Admin.create(client("admin"))) {
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theServicesDoEverythingTheirGrantsAllowAndNothingMore() throws Exception {
        String ann = issuer.tokenFor("ann");
        String bob = issuer.tokenFor("bob");
        String admin = issuer.adminTokenFor("ops");
        assertThat(commands.post("/members", ann, "{\"displayName\":\"Ann\"}").statusCode()).isEqualTo(201);
        assertThat(commands.post("/members", bob, "{\"displayName\":\"Bob\"}").statusCode()).isEqualTo(201);
        var given = commands.post("/help", ann, "{\"receiverId\":\"bob\",\"kind\":\"IDEA\",\"summary\":\"An idea\"}");
        assertThat(given.statusCode()).as(given.body()).isEqualTo(201);
        String helpId = json.readTree(given.body()).get("helpId").asString();
        assertThat(commands.post("/help/" + helpId + "/acknowledgement", bob, "{}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                queries.get("/members/ann/contributions", ann).body()).contains("Gave help to Bob"));
        // every read model's consumer group may read: each has committed its place on the topic
        try (Admin asAdmin = Admin.create(client("admin"))) {
            for (JsonNode projection : json.readTree(queries.get("/admin/projections", admin).body())) {
                String group = projection.get("name").asString();
                await().atMost(Duration.ofSeconds(60)).alias(group + " consumes").until(() -> !asAdmin
                        .listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS)
                        .isEmpty());
            }
        }

        // a copy of the store into a new topic of the prefix: command-service creates and writes it
        var copy = commands.post("/admin/relay/republish", admin, "{\"topic\":\"givefirst.events.acl-copy\"}");
        assertThat(copy.statusCode()).as(copy.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(json.readTree(
                commands.get("/admin/relay/republish", admin).body()).get("state").asString()).isEqualTo("DONE"));

        // a rebuild: query-service reads the topic with its own consumers, as its user
        var rebuild = queries.post("/admin/projections/rebuild", admin, "{\"projections\":[\"member-stats\"]}");
        assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (JsonNode projection : json.readTree(queries.get("/admin/projections", admin).body())) {
                assertThat(projection.get("state").asString()).as(projection.toString()).isEqualTo("LIVE");
            }
        });
        assertThat(json.readTree(queries.get("/members/ann/stats", ann).body()).at("/helpGiven/verified").asInt())
                .isEqualTo(1);

        // and no more: query-service cannot write the topic, command-service cannot leave the prefix
        Map<String, Object> asQueryService = new HashMap<>(client("query-service"));
        asQueryService.put("max.block.ms", "10000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(asQueryService, new StringSerializer(),
                new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("givefirst.events", "ann", "{}"))
                    .get(20, TimeUnit.SECONDS)).as("no Write anywhere, so not even a producer id")
                    .hasRootCauseInstanceOf(AuthorizationException.class);
        }
        try (Admin asCommandService = Admin.create(client("command-service"))) {
            assertThatThrownBy(() -> asCommandService.createTopics(List.of(new NewTopic("elsewhere", 1, (short) 1)))
                    .all().get(20, TimeUnit.SECONDS)).hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
    }
}
