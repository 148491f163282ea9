package io.givefirst.local;

import static io.givefirst.local.DockerComposeTest.REPOSITORY;
import static io.givefirst.local.DockerComposeTest.compose;
import static io.givefirst.local.DockerComposeTest.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OWASP API Security Top 10 (2023) <b>API8 Security Misconfiguration</b>, read from the production-like compose file
 * and what it mounts (no Docker engine runs here): only the two APIs are published, MongoDB and Kafka require
 * authentication and give each service only what it needs, and every image is pinned by digest.
 */
class DeploymentSecurityTest {
    private static final Pattern DIGEST = Pattern.compile(".+@sha256:[0-9a-f]{64}");
    private static final List<String> SERVICES = List.of("command-service-1", "command-service-2", "query-service-1",
            "query-service-2");

    static Properties kafkaSettings() throws IOException {
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(REPOSITORY.resolve("deploy/kafka/server.properties"))) {
            settings.load(in);
        }
        return settings;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String service) throws IOException {
        return (Map<String, Object>) service(service).get("environment");
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheTwoApisArePublished() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        List<String> publishing = new ArrayList<>();
        services.forEach((name, service) -> {
            if (((Map<String, Object>) service).containsKey("ports")) {
                publishing.add(name);
            }
        });
        assertThat(publishing).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyImageIsPinnedByDigest() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        services.forEach((name, service) -> {
            Object image = ((Map<String, Object>) service).get("image");
            if (image != null) {
                assertThat(image.toString()).as(name).matches(DIGEST);
            }
        });
        for (String dockerfile : List.of("command-service/Dockerfile", "query-service/Dockerfile")) {
            assertThat(Files.readAllLines(REPOSITORY.resolve(dockerfile)).stream()
                    .filter(line -> line.startsWith("FROM ")).map(line -> line.substring(5).split(" ")[0]))
                    .as(dockerfile).isNotEmpty().allMatch(image -> DIGEST.matcher(image).matches());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void mongoRequiresAuthenticationAndEachServiceHasItsOwnLeastPrivilegedUser() throws IOException {
        Map<String, Object> mongo = service("mongo");
        assertThat((List<String>) mongo.get("command")).contains("--keyFile");
        assertThat(String.valueOf(((Map<String, Object>) mongo.get("environment")).get("MONGO_INITDB_ROOT_PASSWORD")))
                .startsWith("${GIVEFIRST_MONGO_ROOT_PASSWORD:?");
        assertThat((List<String>) mongo.get("volumes"))
                .contains("./deploy/mongo/users.js:/docker-entrypoint-initdb.d/users.js:ro");

        String users = Files.readString(REPOSITORY.resolve("deploy/mongo/users.js"));
        assertThat(roles(users, "command-service")).containsExactlyInAnyOrder("readWrite@givefirst-commands",
                "readWrite@givefirst-keys");
        assertThat(roles(users, "query-service")).containsExactlyInAnyOrder("readWrite@givefirst-read",
                "read@givefirst-keys");
        for (String name : SERVICES) {
            String user = name.substring(0, name.lastIndexOf('-'));
            assertThat(String.valueOf(environment(name).get("GIVEFIRST_MONGODB_URI"))).as(name)
                    .startsWith("mongodb://" + user + ":${").contains("authSource=admin").doesNotContain("root");
        }
    }

    /** The roles a users.js createUser block gives one user, as role@database. */
    private static List<String> roles(String script, String user) {
        int at = script.indexOf("user: '" + user + "'");
        assertThat(at).as("a user for " + user).isNotNegative();
        String block = script.substring(at, script.indexOf("});", at));
        List<String> roles = new ArrayList<>();
        Matcher role = Pattern.compile("role: '([A-Za-z]+)', db: '([a-z-]+)'").matcher(block);
        while (role.find()) {
            roles.add(role.group(1) + "@" + role.group(2));
        }
        return roles;
    }

    @Test
    void kafkaRequiresScramAndGrantsNothingWithoutAnAcl() throws IOException {
        Properties kafka = kafkaSettings();
        assertThat(kafka.getProperty("listeners")).as("the controller listener on the container's loopback only")
                .isEqualTo("SASL_PLAINTEXT://:9092,CONTROLLER://localhost:9093");
        assertThat(kafka.getProperty("advertised.listeners")).isEqualTo("SASL_PLAINTEXT://kafka:9092");
        assertThat(kafka.getProperty("sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512");
        assertThat(kafka.getProperty("authorizer.class.name")).endsWith("StandardAuthorizer");
        assertThat(kafka.getProperty("allow.everyone.if.no.acl.found")).isEqualTo("false");
        assertThat(kafka).doesNotContainKey("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config")
                .as("no password in the repository");
    }

    @Test
    void theServicesTopicAclsStayOnTheGivefirstPrefix() throws IOException {
        String acls = Files.readString(REPOSITORY.resolve("deploy/kafka/acls.sh")).replace("\\\n", " ");
        List<String> grants = acls.lines().filter(line -> line.startsWith("acls ")).toList();
        assertThat(grants).isNotEmpty();
        for (String grant : grants.stream().filter(g -> g.contains("--topic")).toList()) {
            assertThat(grant).contains("--resource-pattern-type prefixed --topic givefirst. ");
        }
        assertThat(grants.stream().filter(g -> g.contains("User:query-service") && g.contains("--topic")))
                .allSatisfy(g -> assertThat(g).doesNotContain("Write", "Create", "Alter"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-service-1", "command-service-2", "query-service-1", "query-service-2"})
    void eachServiceAuthenticatesToKafkaAsItself(String name) throws IOException {
        Map<String, Object> environment = environment(name);
        assertThat(environment.get("GIVEFIRST_KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_PLAINTEXT");
        assertThat(environment.get("GIVEFIRST_KAFKA_USERNAME")).isEqualTo(name.substring(0, name.lastIndexOf('-')));
        assertThat(String.valueOf(environment.get("GIVEFIRST_KAFKA_PASSWORD"))).startsWith("${");
    }
}
