package io.givefirst.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.givefirst.shared.security.TokenSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so the production-like compose file is checked by reading it: every setting a
 * service cannot start without is given, and the infrastructure is what DESIGN.md asks for.
 */
class DockerComposeTest {
    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    /** A placeholder without a default: {@code ${NAME}}. */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws IOException {
        try (InputStream in = Files.newInputStream(REPOSITORY.resolve("docker-compose.yml"))) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    private static Set<String> requiredVariables(String configName) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = DockerComposeTest.class.getResourceAsStream("/" + configName + ".properties")) {
            assertThat(in).as(configName + ".properties on the classpath").isNotNull();
            properties.load(in);
        }
        Set<String> required = new TreeSet<>(TokenSettings.REQUIRED); // read by the services' shared security
        for (String value : properties.stringPropertyNames().stream().map(properties::getProperty).toList()) {
            Matcher matcher = REQUIRED.matcher(value);
            while (matcher.find()) {
                required.add(matcher.group(1));
            }
        }
        return required;
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-service-1", "command-service-2", "query-service-1", "query-service-2"})
    @SuppressWarnings("unchecked")
    void everySettingAServiceNeedsIsProvided(String name) throws IOException {
        Map<String, Object> service = service(name);
        Map<String, Object> environment = (Map<String, Object>) service.get("environment");
        Set<String> required = requiredVariables(name.substring(0, name.lastIndexOf('-')));
        assertThat(required).contains("GIVEFIRST_MONGODB_URI", "GIVEFIRST_KAFKA_BOOTSTRAP_SERVERS",
                "GIVEFIRST_JWT_JWK_SET_URI", "GIVEFIRST_JWT_AUDIENCE", "GIVEFIRST_JWT_ISSUER_URI");
        for (String variable : required) {
            assertThat(environment).as(name + " needs " + variable).containsKey(variable);
            assertThat(String.valueOf(environment.get(variable))).as(variable).isNotBlank();
        }
        assertThat(String.valueOf(environment.get("GIVEFIRST_MONGODB_URI"))).contains("replicaSet=");
        assertThat((Map<String, Object>) service.get("depends_on")).containsKeys("kafka", "mongo");
        Map<String, Object> build = (Map<String, Object>) service.get("build");
        assertThat(REPOSITORY.resolve((String) build.get("dockerfile"))).isRegularFile();
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-service", "query-service"})
    @SuppressWarnings("unchecked")
    void twoInstancesOfEachServiceRunTheSameBuildOnTheirOwnHostPorts(String name) throws IOException {
        Map<String, Object> first = service(name + "-1");
        Map<String, Object> second = service(name + "-2");
        assertThat(second.get("build")).isEqualTo(first.get("build"));
        assertThat(second.get("environment")).isEqualTo(first.get("environment"));
        List<String> ports = (List<String>) first.get("ports");
        List<String> otherPorts = (List<String>) second.get("ports");
        assertThat(hostPorts(ports)).doesNotContainAnyElementsOf(hostPorts(otherPorts));
        assertThat(containerPorts(otherPorts)).isEqualTo(containerPorts(ports));
    }

    private static List<String> hostPorts(List<String> mappings) {
        return mappings.stream().map(m -> m.substring(0, m.lastIndexOf(':'))).toList();
    }

    private static List<String> containerPorts(List<String> mappings) {
        return mappings.stream().map(m -> m.substring(m.lastIndexOf(':') + 1)).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-service-1", "command-service-2", "query-service-1", "query-service-2"})
    @SuppressWarnings("unchecked")
    void productionHasNoDevelopmentTokenIssuer(String name) throws IOException {
        Map<String, Object> environment = (Map<String, Object>) service(name).get("environment");
        assertThat(String.valueOf(environment.get("GIVEFIRST_JWT_JWK_SET_URI"))).doesNotContain("localhost")
                .startsWith("${");
    }

    @org.junit.jupiter.api.Test
    @SuppressWarnings("unchecked")
    void kafkaRunsInKRaftModeAndMongoAsAReplicaSet() throws IOException {
        assertThat(DeploymentSecurityTest.kafkaSettings().getProperty("process.roles")).contains("controller");
        assertThat((List<String>) service("mongo").get("command")).contains("--replSet");
    }
}
