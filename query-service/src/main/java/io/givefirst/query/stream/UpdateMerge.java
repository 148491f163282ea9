package io.givefirst.query.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Merges two update documents for the same document into one with the same effect as applying both, where the
 * operators allow it: {@code $set} (the later value), {@code $setOnInsert} (the earlier), {@code $addToSet} (the
 * union), {@code $max}/{@code $min} (of comparable numbers or dates). Anything else — another operator, the same
 * path under two operators, a path inside another — is not merged, and both updates are sent as they are.
 */
final class UpdateMerge {
    private static final Set<String> MERGEABLE = Set.of("$set", "$setOnInsert", "$addToSet", "$max", "$min");

    private UpdateMerge() {
    }

    /** Merges {@code incoming} into {@code target} and returns true, or changes nothing and returns false. */
    static boolean into(BsonDocument target, BsonDocument incoming) {
        for (Map.Entry<String, BsonValue> operator : incoming.entrySet()) {
            String op = operator.getKey();
            if (!MERGEABLE.contains(op) || !operator.getValue().isDocument()) {
                return false;
            }
            for (Map.Entry<String, BsonValue> field : operator.getValue().asDocument().entrySet()) {
                if (!canMerge(target, op, field.getKey(), field.getValue())) {
                    return false;
                }
            }
        }
        for (Map.Entry<String, BsonValue> operator : incoming.entrySet()) {
            String op = operator.getKey();
            BsonDocument fields = target.containsKey(op) ? target.getDocument(op) : new BsonDocument();
            target.put(op, fields);
            for (Map.Entry<String, BsonValue> field : operator.getValue().asDocument().entrySet()) {
                fields.put(field.getKey(), merged(op, fields.get(field.getKey()), field.getValue()));
            }
        }
        return true;
    }

    private static boolean canMerge(BsonDocument target, String op, String path, BsonValue value) {
        for (Map.Entry<String, BsonValue> operator : target.entrySet()) {
            for (String existing : operator.getValue().asDocument().keySet()) {
                boolean samePath = existing.equals(path);
                if (samePath && operator.getKey().equals(op)) {
                    if ((op.equals("$max") || op.equals("$min"))
                            && compare(operator.getValue().asDocument().get(existing), value) == null) {
                        return false;
                    }
                } else if (samePath || existing.startsWith(path + ".") || path.startsWith(existing + ".")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static BsonValue merged(String op, BsonValue before, BsonValue after) {
        if (before == null) {
            return after;
        }
        return switch (op) {
            case "$set" -> after;
            case "$setOnInsert" -> before;
            case "$max" -> compare(before, after) >= 0 ? before : after;
            case "$min" -> compare(before, after) <= 0 ? before : after;
            case "$addToSet" -> {
                List<BsonValue> union = new ArrayList<>(each(before));
                each(after).stream().filter(v -> !union.contains(v)).forEach(union::add);
                yield new BsonDocument("$each", new BsonArray(union));
            }
            default -> throw new IllegalStateException("not mergeable: " + op);
        };
    }

    private static List<BsonValue> each(BsonValue value) {
        if (value.isDocument() && value.asDocument().containsKey("$each")) {
            return value.asDocument().getArray("$each").getValues();
        }
        return List.of(value);
    }

    /** The order of two numbers or two dates; null when they cannot be compared here. */
    private static Integer compare(BsonValue a, BsonValue b) {
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.asNumber().doubleValue(), b.asNumber().doubleValue());
        }
        if (a.isDateTime() && b.isDateTime()) {
            return Long.compare(a.asDateTime().getValue(), b.asDateTime().getValue());
        }
        return null;
    }
}
