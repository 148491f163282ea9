package io.givefirst.command.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.givefirst.command.CommandServiceApplication;
import io.givefirst.local.infra.Http;
import io.givefirst.local.infra.TestStack;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command service over real HTTP on the shared test stack (real KRaft broker, MongoDB-wire server, dev
 * token issuer). Every subclass shares one application context; tests use fresh member ids, never shared state.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {CommandServiceApplication.CONFIG_NAME, "givefirst.mongodb.database=" + ApiTestBase.DATABASE})
public abstract class ApiTestBase {
    public static final String DATABASE = "command-api-it";
    protected static final TestStack stack = TestStack.shared();
    protected static final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        stack.serviceEnvironment().forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected MongoClient mongo;
    protected Http http;

    @BeforeEach
    void client() {
        http = new Http("http://localhost:" + port);
    }

    protected static String token(String member) {
        return stack.issuer.tokenFor(member);
    }

    /** A new member id, joined through the API. */
    protected String joined(String name) {
        String id = name.toLowerCase() + "-" + UUID.randomUUID();
        HttpResponse<String> joined = http.post("/members", token(id), "{\"displayName\":\"" + name + "\"}");
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
        return id;
    }

    protected static JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    protected MongoCollection<Document> storedEvents() {
        return mongo.getDatabase(DATABASE).getCollection("domainevents");
    }

    protected static void assertProblem(HttpResponse<String> response, int status, String rule) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = body(response);
        assertThat(problem.get("type").asString()).isEqualTo("https://givefirst.io/problems/" + rule);
        assertThat(problem.get("rule").asString()).isEqualTo(rule);
        assertThat(problem.get("title").asString()).isNotBlank();
    }
}
