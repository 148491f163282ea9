package io.givefirst.local.infra.mongo;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/** Random BSON values, drawn from small pools so that equal values, ties and type mixes are frequent. */
final class Values {
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
    private final Random random;
    private final boolean orderable;
    private boolean emptyArrays = true;
    private boolean nulls = true;

    /** Half of the trials draw only orderable scalars, so that indexes are read in order as sorts need. */
    Values(Random random) {
        this.random = random;
        this.orderable = random.nextBoolean();
    }

    /**
     * No more empty arrays: mongo-java-server's own unique index keeps no key for a document with an empty array
     * and then fails to delete it ("Found no position"); the indexed server deletes it, so the two would part.
     */
    void withoutEmptyArrays() {
        emptyArrays = false;
    }

    /**
     * No more nulls in documents: mongo-java-server's own sparse unique index answers a document that lacks the
     * field with the document that holds null in it, so updating the former fails there ("Expected one element")
     * and succeeds on the indexed server.
     */
    void withoutNulls() {
        nulls = false;
    }

    /** A scalar, or sometimes null. */
    Object scalar() {
        List<Object> pool = orderable ? ORDERABLE : SCALARS;
        return random.nextInt(12) == 0 && nulls ? null : pool.get(random.nextInt(pool.size()));
    }

    /** A scalar or a sub-document holding one: never an array. */
    Object single() {
        return random.nextInt(6) == 0 && !orderable ? new Document("x", scalar()) : scalar();
    }

    /** Any value: mostly scalars, sometimes arrays (even empty) and sub-documents. */
    Object any() {
        return switch (orderable ? 9 : random.nextInt(10)) {
            case 0 -> {
                List<Object> array = new ArrayList<>();
                int size = emptyArrays ? random.nextInt(4) : 1 + random.nextInt(3);
                for (int i = 0; i < size; i++) {
                    int kind = random.nextInt(10);
                    array.add(kind < 2 ? new Document("x", scalar()) : kind == 2 ? List.of(new Document("x", scalar()))
                            : scalar());
                }
                yield array;
            }
            case 1 -> new Document("x", scalar());
            default -> scalar();
        };
    }
}
