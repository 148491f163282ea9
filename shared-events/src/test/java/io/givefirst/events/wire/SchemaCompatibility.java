package io.givefirst.events.wire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a schema change breaks for somebody. Readers of the old revision must keep validating the new
 * records, and readers of the new revision must keep reading the old records: so a property may not be
 * removed, retyped, newly required, or made nullable; descriptions may change freely.
 */
final class SchemaCompatibility {
    private SchemaCompatibility() {
    }

    static List<String> breakingChanges(JsonNode before, JsonNode after) {
        List<String> breaking = new ArrayList<>();
        JsonNode oldProperties = before.path("properties");
        JsonNode newProperties = after.path("properties");
        for (String name : oldProperties.propertyNames()) {
            if (!newProperties.has(name)) {
                breaking.add("property '" + name + "' was removed");
            } else if (!oldProperties.get(name).path("type").equals(newProperties.get(name).path("type"))
                    || !oldProperties.get(name).path("enum").equals(newProperties.get(name).path("enum"))
                    || !oldProperties.get(name).path("items").equals(newProperties.get(name).path("items"))) {
                breaking.add("property '" + name + "' changed its type or values");
            }
        }
        Set<String> required = new HashSet<>();
        before.path("required").forEach(r -> required.add(r.asString()));
        after.path("required").forEach(r -> {
            if (!required.contains(r.asString())) {
                breaking.add("property '" + r.asString() + "' is newly required");
            }
        });
        return breaking;
    }
}
