package io.givefirst.events.wire;

import io.givefirst.events.EventType;
import io.givefirst.events.Nullable;
import io.givefirst.events.PersonalData;
import io.givefirst.events.privacy.KeyPurpose;
import io.givefirst.events.privacy.PersonalFields;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schemas (draft 2020-12) of the events' JSON values. {@link #generate} derives a schema from the
 * record's components; the committed copies under {@code /schemas/<type>.json} on the classpath are the
 * contract ({@link #published}). Every property is required (the producer always writes all of them);
 * {@link Nullable} ones may be {@code null}; unknown properties are allowed, so readers tolerate additions.
 * A {@link PersonalData} field carries {@code x-personal-data}: {@code of} names the field holding the member
 * whose key seals it, {@code onlyForThem} marks what only that member may read (ADR 16).
 */
public final class EventSchemas {
    public static final String RESOURCE_FOLDER = "schemas";
    private static final String ID_BASE = "https://givefirst.io/schemas/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventSchemas() {
    }

    /** The schema of a registered event class, as the code defines it now. */
    public static ObjectNode generate(Class<?> eventClass) {
        if (!eventClass.isRecord()) {
            throw new IllegalArgumentException(eventClass.getName() + " is not a record");
        }
        String type = EventTypes.typeOf(eventClass);
        EventType annotation = eventClass.getAnnotation(EventType.class);
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", ID_BASE + type + ".json");
        schema.put("title", type);
        schema.put("description", annotation.meaning());
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.createArrayNode();
        for (RecordComponent component : eventClass.getRecordComponents()) {
            ObjectNode property = property(component);
            personal(eventClass, component, property);
            properties.set(component.getName(), property);
            required.add(component.getName());
        }
        schema.set("required", required);
        schema.put("additionalProperties", true);
        return schema;
    }

    private static ObjectNode property(RecordComponent component) {
        ObjectNode property = JSON.createObjectNode();
        Class<?> type = component.getType();
        boolean nullable = component.isAnnotationPresent(Nullable.class);
        if (type == String.class) {
            typed(property, "string", nullable);
        } else if (type == boolean.class) {
            typed(property, "boolean", nullable);
        } else if (type == long.class || type == int.class) {
            typed(property, "integer", nullable);
        } else if (type == Instant.class) {
            typed(property, "string", nullable);
            property.put("format", "date-time");
        } else if (type.isEnum()) {
            typed(property, "string", nullable);
            ArrayNode values = property.putArray("enum");
            for (Object constant : type.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
        } else if (type == List.class && elementType(component.getGenericType()) == String.class) {
            typed(property, "array", nullable);
            property.putObject("items").put("type", "string");
        } else {
            throw new IllegalArgumentException("no schema mapping for " + component);
        }
        return property;
    }

    private static void personal(Class<?> eventClass, RecordComponent component, ObjectNode property) {
        for (PersonalFields.Field field : PersonalFields.of(eventClass).fields()) {
            if (field.name().equals(component.getName())) {
                ObjectNode mark = property.putObject("x-personal-data");
                mark.put("of", field.ownerField());
                if (field.purpose() == KeyPurpose.PRIVATE) {
                    mark.put("onlyForThem", true);
                }
            }
        }
    }

    private static void typed(ObjectNode property, String type, boolean nullable) {
        if (nullable) {
            property.putArray("type").add(type).add("null");
        } else {
            property.put("type", type);
        }
    }

    private static Type elementType(Type generic) {
        return generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }

    /** The committed schema of a type name like {@code givefirst.help.given.v1}, if there is one. */
    public static Optional<JsonNode> published(String type) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource(type))) {
            return in == null ? Optional.empty() : Optional.of(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every type name on the stream, current and still-readable earlier revisions, in catalog order. */
    public static List<String> publishedTypes() {
        List<String> types = new ArrayList<>();
        for (Class<?> eventClass : EventTypes.all()) {
            types.add(EventTypes.typeOf(eventClass));
            types.addAll(EventTypes.earlierTypesOf(eventClass));
        }
        return types;
    }

    public static String resource(String type) {
        return RESOURCE_FOLDER + "/" + type + ".json";
    }
}
