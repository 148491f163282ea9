package io.givefirst.events.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The committed {@code asyncapi.json} is what {@link EventAsyncApi} generates from the event registry, and valid
 * against the official AsyncAPI 3.0.0 JSON Schema (from {@code @asyncapi/specs}, fetched by the build into
 * {@code target/asyncapi-specs}). Regenerate with
 * {@code ./mvnw -pl shared-events test -Dtest=EventAsyncApiTest -Dgivefirst.asyncapi.write=true}.
 */
class EventAsyncApiTest {
    private static final Path COMMITTED = Path.of("src", "main", "resources", EventAsyncApi.RESOURCE);
    private static final Path OFFICIAL = Path.of("target", "asyncapi-specs", "package", "schemas",
            "3.0.0-without-$id.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theCommittedDocumentIsTheGeneratedOne() throws IOException {
        String generated = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(EventAsyncApi.generate("givefirst.events")) + "\n";
        if (Boolean.getBoolean("givefirst.asyncapi.write")) {
            Files.writeString(COMMITTED, generated);
        }
        assertThat(COMMITTED).as("asyncapi.json (regenerate: see this test's javadoc)").exists();
        assertThat(Files.readString(COMMITTED)).as("asyncapi.json is out of date: regenerate").isEqualTo(generated);
    }

    @Test
    void itIsValidAsyncApi300() throws IOException {
        Schema official = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(JSON.readTree(OFFICIAL.toFile()));
        List<Error> errors = official.validate(EventAsyncApi.generate("givefirst.events"));
        assertThat(errors).isEmpty();
    }

    @Test
    void theValidationCatchesWhatAsyncApiForbids() throws IOException {
        Schema official = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(JSON.readTree(OFFICIAL.toFile()));
        ObjectNode broken = EventAsyncApi.generate("givefirst.events");
        ((ObjectNode) broken.get("operations").get("publishEvents")).put("action", "publish"); // AsyncAPI 2's word
        assertThat(official.validate(broken)).isNotEmpty();
    }

    @Test
    void everyTypeOnTheStreamIsAMessageWithItsSchemaHeadersAndKey() {
        JsonNode doc = EventAsyncApi.generate("givefirst.events");
        assertThat(doc.get("channels").get("events").get("address").asString()).isEqualTo("givefirst.events");
        List<String> messages = new ArrayList<>(doc.get("components").get("messages").propertyNames());
        assertThat(messages).containsExactlyElementsOf(EventSchemas.publishedTypes());
        for (String type : messages) {
            JsonNode message = doc.get("components").get("messages").get(type);
            JsonNode schema = EventSchemas.published(type).orElseThrow();
            assertThat(message.get("payload").get("properties")).as(type).isEqualTo(schema.get("properties"));
            assertThat(message.get("headers").get("properties").get(CloudEventHeaders.TYPE).get("const").asString())
                    .isEqualTo(type);
            assertThat(message.get("bindings").get("kafka").get("key").get("type").asString()).isEqualTo("string");
        }
        assertThat(doc.get("operations").get("publishEvents").get("messages")).hasSize(messages.size());
    }
}
