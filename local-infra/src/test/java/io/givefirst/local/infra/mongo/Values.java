package io.givefirst.local.infra.mongo;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Arbitrary BSON values (jqwik), drawn from small pools so that equal values, ties and type mixes are frequent.
 *
 * @param orderable   only scalars an index can place in order, so that indexes are read in order as sorts need
 * @param emptyArrays whether arrays may be empty: mongo-java-server's own unique index keeps no key for a document
 *                    with an empty array and then fails to delete it ("Found no position"); the indexed server
 *                    deletes it, so the two would part
 * @param nulls       whether documents may hold null: mongo-java-server's own sparse unique index answers a
 *                    document that lacks the field with the document that holds null in it, so updating the former
 *                    fails there ("Expected one element") and succeeds on the indexed server
 */
record Values(boolean orderable, boolean emptyArrays, boolean nulls) {
    private static final List<Object> SCALARS = List.of(
            -3, -1, 0, 1, 2, 3, 1.5, -2.5, -0.0, 0.0, 2.0, 1e10 + 0.5, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 0x1p63, -0x1p63, 1e19, 3L, 1L << 40, (1L << 40) + 1, (1L << 53) + 1, -(1L << 40), Long.MAX_VALUE,
            "", "a", "ab", "b", "A", "\u0000", "a\u0000", "a\u0001", "é", "z",
            true, false, new Date(0), new Date(1000), new Date(-1000), new Date(1_700_000_000_000L),
            new ObjectId("000000000000000000000001"), new ObjectId("ffffffffffffffffffffffff"),
            new ObjectId("7f0000000000000000000000"), new Decimal128(15));
    /** Values an index can place in order (no NaN, no sub-documents, no Decimal128, no inexact longs). */
    private static final List<Object> ORDERABLE = SCALARS.stream()
            .filter(v -> !(v instanceof Double d && d.isNaN()) && !(v instanceof Decimal128)
                    && !(v instanceof Long l && (double) l >= 0x1p53) && !(v instanceof Double d && Math.abs(d) >= 1e10))
            .toList();

    /** Any values at all. */
    static Values all() {
        return new Values(false, true, true);
    }

    /** As an arbitrary of {@code Object}, for choosing among arbitraries of different types. */
    static Arbitrary<Object> object(Arbitrary<?> arbitrary) {
        return arbitrary.map(value -> (Object) value);
    }

    /** A scalar, or sometimes null. */
    Arbitrary<Object> scalar() {
        Arbitrary<Object> pool = Arbitraries.of(orderable ? ORDERABLE : SCALARS);
        return nulls ? pool.injectNull(1.0 / 12) : pool;
    }

    /** A scalar or a sub-document holding one: never an array. */
    Arbitrary<Object> single() {
        return orderable ? scalar() : Arbitraries.frequencyOf(Tuple.of(5, scalar()), Tuple.of(1, subDocument()));
    }

    /** Any value: mostly scalars, sometimes arrays (even empty) and sub-documents. */
    Arbitrary<Object> any() {
        if (orderable) {
            return scalar();
        }
        Arbitrary<Object> element = Arbitraries.frequencyOf(Tuple.of(2, subDocument()),
                Tuple.of(1, object(scalar().map(x -> List.of(new Document("x", x))))), Tuple.of(7, scalar()));
        Arbitrary<Object> array = object(element.list().ofMinSize(emptyArrays ? 0 : 1).ofMaxSize(3).map(ArrayList::new));
        return Arbitraries.frequencyOf(Tuple.of(1, array), Tuple.of(1, subDocument()), Tuple.of(8, scalar()));
    }

    private Arbitrary<Object> subDocument() {
        return object(scalar().map(x -> new Document("x", x)));
    }
}
