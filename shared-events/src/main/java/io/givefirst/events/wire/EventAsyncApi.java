package io.givefirst.events.wire;

import io.givefirst.events.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AsyncAPI 3.0 description of the topic, generated from the same registry as the schemas and the catalog
 * ({@link EventTypes}, {@link EventSchemas#published}): one message per type on the stream — current and earlier
 * revisions still read — with its payload schema, its CloudEvents headers and its key, and the ordering and
 * delivery guarantees. The committed copy ({@value #RESOURCE} on the classpath) is what query-service serves at
 * {@code GET /events/asyncapi.json}; a test fails when it is stale and validates it against the official schema.
 */
public final class EventAsyncApi {
    public static final String RESOURCE = "asyncapi.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GUARANTEES = "Every record is one event: key = the aggregate id, value = the event as"
            + " JSON (UTF-8), CloudEvents attributes in headers (Kafka protocol binding, binary mode). Events of one"
            + " aggregate are on one partition, in the order they were stored (ce_sequence 0, 1, 2, ...); there is no"
            + " order across aggregates. Delivery is at least once: a record may arrive again (after a re-publish, or"
            + " a producer retry), always with the same ce_id, so dedupe on ce_id. Personal fields (x-personal-data in"
            + " the schemas) are sealed on the topic: gf1:<p|n>:<member>:<ciphertext>, unreadable for good once the"
            + " member is erased. Retention is unlimited: the topic holds the whole history.";

    private EventAsyncApi() {
    }

    /** The document as the code defines it now. */
    public static ObjectNode generate(String topic) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("asyncapi", "3.0.0");
        doc.put("id", "urn:io:givefirst:events");
        ObjectNode info = doc.putObject("info");
        info.put("title", "GiveFirst events");
        info.put("version", "1.0.0");
        info.put("description", "The GiveFirst community's acts — members meeting, helping and introducing each other"
                + " — as a stream of domain events. " + GUARANTEES);
        doc.put("defaultContentType", CloudEventHeaders.JSON);

        ObjectNode channel = doc.putObject("channels").putObject("events");
        channel.put("address", topic);
        channel.put("title", "Every GiveFirst domain event");
        channel.put("description", GUARANTEES);
        ObjectNode channelMessages = channel.putObject("messages");
        ObjectNode messages = doc.putObject("components").putObject("messages");
        ArrayNode operationMessages = JSON.createArrayNode();
        for (String type : EventSchemas.publishedTypes()) {
            messages.set(type, message(type));
            channelMessages.putObject(type).put("$ref", "#/components/messages/" + type);
            operationMessages.addObject().put("$ref", "#/channels/events/messages/" + type);
        }
        ObjectNode operation = doc.putObject("operations").putObject("publishEvents");
        operation.put("action", "send");
        operation.putObject("channel").put("$ref", "#/channels/events");
        operation.put("title", "GiveFirst publishes every stored event");
        operation.put("description", "command-service publishes each event stored in its event store; analysts and"
                + " query-service consume them with their own consumer groups.");
        operation.set("messages", operationMessages);
        return doc;
    }

    private static ObjectNode message(String type) {
        Class<?> eventClass = EventTypes.classOf(type).orElseGet(() -> currentClassReading(type));
        EventType annotation = eventClass.getAnnotation(EventType.class);
        boolean current = EventTypes.typeOf(eventClass).equals(type);
        ObjectNode message = JSON.createObjectNode();
        message.put("name", type);
        message.put("title", type);
        message.put("summary", annotation.meaning());
        message.put("description", (current ? "" : "An earlier revision, still on the topic (read as "
                + EventTypes.typeOf(eventClass) + "). ") + "Emitted when: " + annotation.emittedWhen());
        message.put("contentType", CloudEventHeaders.JSON);
        message.set("headers", headers(type));
        ObjectNode payload = ((ObjectNode) EventSchemas.published(type)
                .orElseThrow(() -> new IllegalStateException("no published schema for " + type))).deepCopy();
        payload.remove("$schema"); // an AsyncAPI Schema Object: the JSON Schema vocabulary the schemas use
        message.set("payload", payload);
        ObjectNode kafka = message.putObject("bindings").putObject("kafka");
        ObjectNode key = kafka.putObject("key");
        key.put("type", "string");
        key.put("description", "the aggregate id (also ce_subject): all events of an aggregate share a partition");
        kafka.put("bindingVersion", "0.5.0");
        return message;
    }

    private static ObjectNode headers(String type) {
        ObjectNode headers = JSON.createObjectNode();
        headers.put("type", "object");
        ObjectNode properties = headers.putObject("properties");
        header(properties, CloudEventHeaders.SPEC_VERSION, "CloudEvents spec version").put("const",
                CloudEventHeaders.SPEC_VERSION_VALUE);
        header(properties, CloudEventHeaders.ID, "the event's unique id, stable across re-publishing: dedupe on it");
        header(properties, CloudEventHeaders.TYPE, "the versioned event type").put("const", type);
        header(properties, CloudEventHeaders.SOURCE, "the producer, /givefirst/command-service");
        header(properties, CloudEventHeaders.TIME, "when the act happened in the world (RFC 3339)")
                .put("format", "date-time");
        header(properties, CloudEventHeaders.SUBJECT, "the aggregate id (also the record key)");
        header(properties, CloudEventHeaders.CONTENT_TYPE, "the value's media type").put("const", CloudEventHeaders.JSON);
        header(properties, CloudEventHeaders.AGGREGATE_TYPE, "Member, Meeting, Help or Introduction");
        header(properties, CloudEventHeaders.SEQUENCE, "the event's position in its aggregate, from 0 (decimal)")
                .put("pattern", "^[0-9]+$");
        header(properties, CloudEventHeaders.RECORDED_TIME, "when it was stored (RFC 3339)").put("format", "date-time");
        ArrayNode required = headers.putArray("required");
        properties.propertyNames().forEach(required::add);
        return headers;
    }

    private static ObjectNode header(ObjectNode properties, String name, String description) {
        ObjectNode header = properties.putObject(name);
        header.put("type", "string");
        header.put("description", description);
        return header;
    }

    private static Class<?> currentClassReading(String earlierType) {
        return EventTypes.all().stream().filter(c -> EventTypes.earlierTypesOf(c).contains(earlierType)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no event class reads " + earlierType));
    }

    /** The committed document, as served. */
    public static Optional<JsonNode> published() {
        try (InputStream in = EventAsyncApi.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return in == null ? Optional.empty() : Optional.of(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
