package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a query says about one field, as far as an index can use it: equal to one of some values, or within a
 * range. Only operators whose meaning is "the value must be …" are read ({@code $eq}, {@code $in}, {@code $gt},
 * {@code $gte}, {@code $lt}, {@code $lte}, a plain value); every other condition only narrows the answer further
 * and is left to the server's matcher, which still checks every candidate. So the bounds are never narrower
 * than the query: at worst an index proposes a few candidates too many.
 *
 * @param points  equality values (normalized), or null when the field has no equality condition
 * @param negated the condition also holds {@code $ne}, {@code $nin}, {@code $not} or {@code $all}: on a path
 *                through an array, the server's matcher then lets that operator decide alone, so such bounds hold
 *                only where no field is an array
 */
record Bounds(List<Object> points, Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive,
              boolean negated) {
    private static final java.util.Set<String> NEGATIONS = java.util.Set.of("$ne", "$nin", "$not", "$all");

    /** The bounds of every field of a query, its top level and its {@code $and}s. */
    static Map<String, Bounds> of(Document query) {
        Map<String, Bounds> bounds = new LinkedHashMap<>();
        collect(query, bounds);
        return bounds;
    }

    private static void collect(Document query, Map<String, Bounds> bounds) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String field = condition.getKey();
            if (field.equals("$and") && condition.getValue() instanceof Collection<?> clauses) {
                clauses.stream().filter(Document.class::isInstance).forEach(clause -> collect((Document) clause, bounds));
            } else if (!field.startsWith("$")) {
                Bounds parsed = parse(condition.getValue());
                if (parsed != null) {
                    bounds.merge(field, parsed, Bounds::and);
                }
            }
        }
    }

    private static Bounds parse(Object condition) {
        if (!(condition instanceof Document operators)) {
            return equalTo(condition);
        }
        if (operators.keySet().stream().anyMatch(key -> !key.startsWith("$"))) {
            return null;
        }
        Bounds bounds = null;
        for (Map.Entry<String, Object> operator : operators.entrySet()) {
            Bounds one = operator(operator.getKey(), operator.getValue());
            if (one != null) {
                bounds = bounds == null ? one : bounds.and(one);
            }
        }
        boolean negated = operators.keySet().stream().anyMatch(NEGATIONS::contains);
        return bounds == null || !negated ? bounds : bounds.negate();
    }

    private static Bounds operator(String operator, Object operand) {
        if (operator.equals("$eq")) {
            return equalTo(operand);
        }
        if (operator.equals("$in")) {
            if (!(operand instanceof Collection<?> values)) {
                return null;
            }
            List<Object> points = new ArrayList<>();
            for (Object value : values) {
                Object point = indexable(value);
                if (point == Unusable.VALUE) {
                    return null;
                }
                points.add(Missing.ofNullable(point));
            }
            return new Bounds(points, null, false, null, false, false);
        }
        Object bound = indexable(operand);
        if (bound == Unusable.VALUE || bound == null) {
            return null;
        }
        return switch (operator) {
            case "$gt" -> new Bounds(null, bound, false, null, false, false);
            case "$gte" -> new Bounds(null, bound, true, null, false, false);
            case "$lt" -> new Bounds(null, null, false, bound, false, false);
            case "$lte" -> new Bounds(null, null, false, bound, true, false);
            default -> null;
        };
    }

    private static Bounds equalTo(Object value) {
        Object point = indexable(value);
        return point == Unusable.VALUE ? null
                : new Bounds(List.of(Missing.ofNullable(point)), null, false, null, false, false);
    }

    /** The value normalized as index keys are, or {@link Unusable#VALUE} when no index entry can be compared to it. */
    private static Object indexable(Object value) {
        if (value instanceof Collection || value instanceof Document || KeyEncoding.hidesOddNumbers(value)) {
            return Unusable.VALUE;
        }
        Object normalized = new KeyValue(Missing.ofNullable(value)).normalized().get(0);
        return KeyEncoding.encode(normalized, true) == null ? Unusable.VALUE : normalized;
    }

    private enum Unusable { VALUE }

    /**
     * Both conditions hold. Equality wins over a range (its values are a subset of what satisfies both); of two
     * equality lists the first is kept (an array field may satisfy each with another element); ranges narrow.
     */
    Bounds and(Bounds other) {
        Bounds both = points != null ? this : other.points != null ? other : narrowed(other);
        return negated || other.negated ? both.negate() : both;
    }

    private Bounds narrowed(Bounds other) {
        Bounds narrowed = this;
        if (other.lower != null && (lower == null || tighterLower(other))) {
            narrowed = new Bounds(null, other.lower, other.lowerInclusive, narrowed.upper, narrowed.upperInclusive, false);
        }
        if (other.upper != null && (upper == null || tighterUpper(other))) {
            narrowed = new Bounds(null, narrowed.lower, narrowed.lowerInclusive, other.upper, other.upperInclusive, false);
        }
        return narrowed;
    }

    private Bounds negate() {
        return new Bounds(points, lower, lowerInclusive, upper, upperInclusive, true);
    }

    private boolean tighterLower(Bounds other) {
        int cmp = KeyEncoding.encode(other.lower, true).compareTo(KeyEncoding.encode(lower, true));
        return cmp > 0 || (cmp == 0 && !other.lowerInclusive);
    }

    private boolean tighterUpper(Bounds other) {
        int cmp = KeyEncoding.encode(other.upper, true).compareTo(KeyEncoding.encode(upper, true));
        return cmp < 0 || (cmp == 0 && !other.upperInclusive);
    }

    boolean isRange() {
        return points == null;
    }

    boolean includesNull() {
        return points != null && points.stream().anyMatch(Missing::isNullOrMissing);
    }
}
