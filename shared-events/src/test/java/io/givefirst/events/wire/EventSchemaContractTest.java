package io.givefirst.events.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The committed schemas are the analysts' contract. This test fails when the code and the contract part:
 * a compatible change (a new description) needs the schemas regenerated; an incompatible one (a field added,
 * removed or retyped) needs a new revision of the event, so that the old revision stays as it was.
 *
 * <p>Regenerate with {@code ./mvnw -pl shared-events test -Dtest=EventSchemaContractTest -Dgivefirst.schemas.write=true};
 * it refuses to overwrite a revision incompatibly.
 */
class EventSchemaContractTest {
    private static final Path COMMITTED = Path.of("src", "main", "resources", EventSchemas.RESOURCE_FOLDER);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @Test
    void everyEventTypeMatchesItsCommittedSchema() throws IOException {
        boolean write = Boolean.getBoolean("givefirst.schemas.write");
        for (Class<?> eventClass : EventTypes.all()) {
            String type = EventTypes.typeOf(eventClass);
            JsonNode generated = EventSchemas.generate(eventClass);
            Optional<JsonNode> committed = read(type);
            List<String> breaking = committed.map(old -> SchemaCompatibility.breakingChanges(old, generated)).orElse(List.of());
            assertThat(breaking).as(type + " changed incompatibly: give " + eventClass.getSimpleName()
                    + " a new @Revision (and an upcaster) instead").isEmpty();
            if (write) {
                Files.createDirectories(COMMITTED);
                Files.writeString(COMMITTED.resolve(type + ".json"), JSON.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(generated) + "\n");
            } else {
                assertThat(committed).as(type + " has no committed schema: regenerate (see this test's javadoc)").isPresent();
                assertThat(committed.get()).as(type + "'s committed schema is out of date: regenerate").isEqualTo(generated);
            }
        }
    }

    @Test
    void earlierRevisionsStayPublished() {
        for (String type : EventSchemas.publishedTypes()) {
            assertThat(EventSchemas.published(type)).as(type).isPresent();
        }
    }

    @Test
    void everyExamplePayloadValidatesAgainstItsSchema() {
        EventCodec codec = new EventCodec();
        assertThat(EventExamples.ALL.keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.all());
        for (Class<?> eventClass : EventTypes.all()) {
            String type = EventTypes.typeOf(eventClass);
            Schema schema = registry.getSchema(EventSchemas.published(type).orElseThrow());
            JsonNode payload = JSON.readTree(codec.value(EventExamples.ALL.get(eventClass).envelope()));
            List<Error> errors = schema.validate(payload);
            assertThat(errors).as(type).isEmpty();
        }
    }

    @Test
    void addingAFieldUnderTheSameRevisionWouldBreakTheContract() {
        JsonNode v1 = EventSchemas.published("givefirst.member.joined.v1").orElseThrow();
        JsonNode v2 = EventSchemas.generate(io.givefirst.events.member.MemberJoinedEvent.class);
        assertThat(SchemaCompatibility.breakingChanges(v1, v2)).containsExactly("property 'invitedBy' is newly required");
        assertThat(SchemaCompatibility.breakingChanges(v2, v1)).containsExactly("property 'invitedBy' was removed");
        assertThat(SchemaCompatibility.breakingChanges(v2, v2)).isEmpty();
    }

    @Test
    void aPayloadMissingARequiredFieldIsInvalid() {
        Schema schema = registry.getSchema(EventSchemas.published("givefirst.help.given.v1").orElseThrow());
        assertThat(schema.validate(JSON.readTree("{\"helpId\":\"h1\"}"))).isNotEmpty();
    }

    private static Optional<JsonNode> read(String type) throws IOException {
        Path file = COMMITTED.resolve(type + ".json");
        return Files.exists(file) ? Optional.of(JSON.readTree(Files.readString(file))) : Optional.empty();
    }
}
