package io.givefirst.local.infra.mongo;

import static io.givefirst.local.infra.mongo.Values.object;

import com.mongodb.client.model.Updates;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What one trial of {@link IndexedQueriesEquivalenceTest} does, drawn by jqwik: indexes, then documents, queries,
 * changes (update one, delete the next, insert one), an update of many and more queries. Only one field of a trial
 * ever holds arrays: like MongoDB, the indexed server refuses a document with arrays in two fields of one compound
 * index (code 171), which the index-free server cannot know.
 */
final class Trials {
    private static final List<String> FIELDS = List.of("a", "b", "c", "n.x");
    private static final int DOCUMENTS = 40;

    private Trials() {
    }

    record IndexSpec(Document keys, boolean unique, boolean sparse) {
    }

    record Query(Document filter, Document sort, int skip, int limit, int batch) {
    }

    record Change(int target, Bson update, Document inserted) {
    }

    record Plan(String arrays, List<IndexSpec> indexes, List<Document> documents, List<Query> queries,
                List<Change> changes, Document manyFilter, Object manyValue, List<Query> laterQueries) {
    }

    private record Start(String arrays, List<IndexSpec> indexes, boolean orderable) {
        boolean unique() {
            return indexes.stream().anyMatch(IndexSpec::unique);
        }

        /** A unique index rules out empty arrays, a unique sparse one nulls ({@link Values}). */
        Values values() {
            boolean uniqueSparse = indexes.stream().anyMatch(index -> index.unique() && index.sparse());
            return new Values(orderable, !unique(), !uniqueSparse);
        }
    }

    static Arbitrary<Plan> plans() {
        Arbitrary<List<IndexSpec>> indexes = index().list().ofMinSize(1).ofMaxSize(3)
                // the index-free server calls every index sparse: a redeclaration would part them
                .uniqueElements(IndexSpec::keys);
        return Combinators.combine(Arbitraries.of("a", "b", "c", "n"), indexes, Arbitraries.of(true, false))
                .as(Start::new).flatMap(Trials::plan);
    }

    private static Arbitrary<Plan> plan(Start start) {
        Values values = start.values();
        String arrays = start.arrays();
        Queried queried = new Queried(values, start.unique());
        Arbitrary<List<Query>> queries = query(queried).list().ofSize(30);
        Arbitrary<List<Document>> documents = body(arrays, values).list().ofSize(DOCUMENTS)
                .map(bodies -> IntStream.range(0, bodies.size()).mapToObj(id -> withId(id, bodies.get(id))).toList());
        Arbitrary<List<Change>> changes = change(arrays, values).list().ofMaxSize(15).map(drawn ->
                IntStream.range(0, drawn.size()).mapToObj(i -> new Change(drawn.get(i).target(), drawn.get(i).update(),
                        withId(DOCUMENTS + i, drawn.get(i).inserted()))).toList());
        Arbitrary<Object> manyValue = arrays.equals("c") ? values.any() : values.single();
        return Combinators.combine(documents, queries, changes, filter(queried), manyValue, queries)
                .as((d, q, c, f, v, later) -> new Plan(arrays, start.indexes(), d, q, c, f, v, later));
    }

    private static Document withId(int id, Document body) {
        Document document = new Document("_id", id);
        document.putAll(body);
        return document;
    }

    private static Arbitrary<IndexSpec> index() {
        return Combinators.combine(directions(3), Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 4))
                .as((k, unique, sparse) -> new IndexSpec(k, unique == 0, sparse == 0));
    }

    /** One to {@code most} distinct fields, each ascending or descending: an index's keys or a sort. */
    private static Arbitrary<Document> directions(int most) {
        return Arbitraries.of(FIELDS).list().uniqueElements().ofMinSize(1).ofMaxSize(most)
                .flatMap(fields -> Arbitraries.of(1, -1).list().ofSize(fields.size()).map(directions -> {
                    Document document = new Document();
                    IntStream.range(0, fields.size()).forEach(i -> document.append(fields.get(i), directions.get(i)));
                    return document;
                }));
    }

    /** A document without its id: each field present four times in five, {@code n} two in three. */
    private static Arbitrary<Document> body(String arrays, Values values) {
        List<Arbitrary<Object>> fields = List.of("a", "b", "c").stream().map(field ->
                (field.equals(arrays) ? values.any() : values.single()).map(v -> (Object) v)).toList();
        Arbitrary<Object> x = arrays.equals("n") ? values.any() : values.single();
        Arbitrary<Object> n = Arbitraries.frequencyOf(Tuple.of(1, x), Tuple.of(3, object(x.map(v -> new Document("x", v)))));
        Arbitrary<List<Boolean>> present = Arbitraries.integers().between(0, 14).list().ofSize(4)
                .map(draws -> List.of(draws.get(0) % 5 != 0, draws.get(1) % 5 != 0, draws.get(2) % 5 != 0, draws.get(3) % 3 != 0));
        return Combinators.combine(fields.get(0), fields.get(1), fields.get(2), n, present).as((a, b, c, nested, has) -> {
            Document document = new Document();
            List<Object> drawn = Arrays.asList(a, b, c);
            for (int i = 0; i < 3; i++) {
                if (has.get(i)) {
                    document.append(List.of("a", "b", "c").get(i), drawn.get(i));
                }
            }
            if (has.get(3)) {
                document.append("n", nested);
            }
            return document;
        });
    }

    private static Arbitrary<Change> change(String arrays, Values values) {
        Arbitrary<Bson> update = Arbitraries.of(FIELDS).flatMap(field ->
                (field.startsWith(arrays) ? values.any() : values.single()).map(v -> Updates.set(field, v)));
        return Combinators.combine(Arbitraries.integers().between(0, DOCUMENTS + 14), update, body(arrays, values))
                .as(Change::new);
    }

    /**
     * The values a trial's queries hold. With a unique index, scalars only: mongo-java-server's own unique index
     * and its matcher disagree on arrays and sub-documents sought. Its unique index answers {@code {a: {$in:
     * [[null], null]}}} with nothing, where its matcher (and MongoDB) answer the documents that lack {@code a};
     * its matcher answers {@code {a: {x: null}}} with every document whose {@code a} is a scalar, where its unique
     * index (and MongoDB) answer none. The indexed servers always ask the matcher. Arrays and sub-documents are
     * sought in the trials without a unique index.
     */
    private record Queried(Values values, boolean unique) {
        Arbitrary<Object> scalar() {
            return values.scalar();
        }

        Arbitrary<Object> any() {
            return unique ? values.any().filter(v -> !(v instanceof List || v instanceof Document)) : values.any();
        }
    }

    private static Arbitrary<Query> query(Queried values) {
        Arbitrary<Document> sortOrNone = Arbitraries.frequencyOf(Tuple.of(6, directions(2)), Tuple.of(4, Arbitraries.just(new Document())));
        Arbitrary<Integer> skip = Arbitraries.frequencyOf(Tuple.of(7, Arbitraries.just(0)), Tuple.of(3, Arbitraries.integers().between(1, 3)));
        Arbitrary<Integer> limit = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(1, 5)));
        return Combinators.combine(filter(values), sortOrNone, skip, limit, Arbitraries.of(0, 2)).as(Query::new);
    }

    /** Conditions on up to three fields, sometimes on {@code _id}, sometimes an {@code $and} or an {@code $or}. */
    private static Arbitrary<Document> filter(Queried values) {
        Arbitrary<Document> fields = Arbitraries.of(FIELDS).list().uniqueElements().ofMaxSize(3)
                .flatMap(names -> condition(values).list().ofSize(names.size()).map(conditions -> {
                    Document document = new Document();
                    IntStream.range(0, names.size()).forEach(i -> document.append(names.get(i), conditions.get(i)));
                    return document;
                }));
        Arbitrary<Integer> ids = Arbitraries.integers().between(0, 59);
        Arbitrary<Object> id = Arbitraries.frequencyOf(Tuple.of(1, object(ids)),
                Tuple.of(1, object(ids.list().ofSize(2).map(two -> new Document("$in", List.of(two.get(0), two.get(1), "x"))))));
        Arbitrary<Object> and = Combinators.combine(Arbitraries.of(FIELDS), condition(values), condition(values))
                .as((field, one, other) -> (Object) List.of(new Document(field, one), new Document(field, other)));
        Arbitrary<Object> or = Combinators.combine(Arbitraries.of(FIELDS), values.any(), Arbitraries.of(FIELDS), values.any())
                .as((field, one, otherField, other) -> (Object) List.of(new Document(field, one), new Document(otherField, other)));
        return Combinators.combine(fields, id.injectNull(5.0 / 6), and.injectNull(6.0 / 7), or.injectNull(9.0 / 10))
                .as((filter, onId, both, either) -> {
                    Document document = new Document(filter);
                    if (onId != null) {
                        document.append("_id", onId);
                    }
                    if (both != null) {
                        document.append("$and", both);
                    }
                    if (either != null) {
                        document.append("$or", either);
                    }
                    return document;
                });
    }

    private static Arbitrary<Object> condition(Queried values) {
        Arbitrary<Object> scalar = values.scalar();
        Arbitrary<Object> any = values.any();
        return Arbitraries.frequencyOf(
                Tuple.of(2, any),
                Tuple.of(1, object(any.map(v -> new Document("$eq", v)))),
                Tuple.of(1, object(Combinators.combine(any, any, scalar).as((x, y, z) -> new Document("$in", Arrays.asList(x, y, z))))),
                Tuple.of(1, object(Combinators.combine(Arbitraries.of("$gt", "$gte", "$lt", "$lte"), scalar).as(Document::new))),
                Tuple.of(2, object(Combinators.combine(scalar, Arbitraries.of("$lt", "$lte"), scalar)
                        .as((low, op, high) -> new Document("$gte", low).append(op, high)))),
                Tuple.of(1, object(Combinators.combine(scalar, scalar).as((above, not) -> new Document("$gt", above).append("$ne", not)))),
                Tuple.of(1, object(any.map(v -> new Document("$ne", v)))),
                Tuple.of(1, object(Arbitraries.of(true, false).map(exists -> new Document("$exists", exists)))),
                Tuple.of(1, object(Combinators.combine(scalar, scalar).as((v, above) -> new Document("$all", Arrays.asList(v)).append("$gt", above)))),
                Tuple.of(2, object(Combinators.combine(scalar, scalar).as((x, y) -> new Document("$nin", Arrays.asList(x, y))))));
    }
}
