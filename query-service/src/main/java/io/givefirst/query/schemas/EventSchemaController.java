package io.givefirst.query.schemas;

import io.givefirst.events.wire.EventAsyncApi;
import io.givefirst.events.wire.EventSchemas;
import io.givefirst.events.wire.EventTypes;
import io.givefirst.query.config.QueryRules;
import io.givefirst.shared.web.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The analysts' contract over HTTP: the JSON Schema of every event type on the stream, and the AsyncAPI document of
 * the topic. Open, no token needed.
 */
@RestController
@Tag(name = "Event schemas", description = "The published, versioned contract of the givefirst.events stream")
class EventSchemaController {
    static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

    /** One type on the stream; {@code current} is false for earlier revisions that may still be read. */
    record EventSchemaRef(String type, boolean current, String schema) {
    }

    @Operation(summary = "Every event type on the stream, current and earlier revisions")
    @GetMapping("/events/schemas")
    List<EventSchemaRef> schemas() {
        return EventSchemas.publishedTypes().stream()
                .map(type -> new EventSchemaRef(type, isCurrent(type), "/events/schemas/" + type))
                .toList();
    }

    @Operation(summary = "The JSON Schema (2020-12) of one event type, e.g. givefirst.help.given.v1")
    @GetMapping("/events/schemas/{type}")
    ResponseEntity<JsonNode> schema(@PathVariable String type) {
        JsonNode schema = EventSchemas.published(type)
                .orElseThrow(() -> new RuleViolation(QueryRules.UNKNOWN_EVENT_TYPE, "no event type is called " + type));
        return ResponseEntity.ok().contentType(SCHEMA_JSON).body(schema);
    }

    @Operation(summary = "The AsyncAPI 3.0 description of the givefirst.events topic: every event type, its payload"
            + " schema, its CloudEvents headers and key, the ordering and delivery guarantees")
    @GetMapping("/events/asyncapi.json")
    ResponseEntity<JsonNode> asyncApi() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(EventAsyncApi.published()
                .orElseThrow(() -> new IllegalStateException(EventAsyncApi.RESOURCE + " is missing from the build")));
    }

    private static boolean isCurrent(String type) {
        return EventTypes.all().stream().anyMatch(c -> EventTypes.typeOf(c).equals(type));
    }
}
