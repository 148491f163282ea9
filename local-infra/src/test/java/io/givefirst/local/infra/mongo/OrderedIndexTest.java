package io.givefirst.local.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.givefirst.local.infra.MongoWireServer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded server serves the platform's query shapes from its indexes: what a query examines depends on
 * its page, not on the collection (as MongoDB's {@code totalDocsExamined} would show).
 */
class OrderedIndexTest {
    private MongoWireServer server;
    private MongoClient client;
    private MongoCollection<Document> events;

    @BeforeEach
    void start() {
        server = MongoWireServer.inMemory().start();
        client = MongoClients.create(server.uri("test"));
        events = client.getDatabase("test").getCollection("events");
        events.createIndex(Indexes.ascending("aggregate", "sequence"), new IndexOptions().unique(true));
        events.createIndex(Indexes.ascending("timestamp", "sequence"));
        List<Document> documents = new ArrayList<>();
        for (int aggregate = 0; aggregate < 200; aggregate++) {
            for (int sequence = 0; sequence < 10; sequence++) {
                documents.add(new Document("aggregate", "a" + aggregate).append("sequence", (long) sequence)
                        .append("timestamp", "t%05d".formatted(sequence * 200 + aggregate)));
            }
        }
        events.insertMany(documents);
        server.queryLog().clear();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private QueryLog.Shape onlyShape() {
        assertThat(server.queryLog().shapes()).hasSize(1);
        return server.queryLog().shapes().values().iterator().next();
    }

    @Test
    void anAggregatesEventsAreReadFromTheUniqueCompoundIndex() {
        List<Long> sequences = events.find(Filters.and(Filters.eq("aggregate", "a42"), Filters.gte("sequence", 6L)))
                .sort(Sorts.ascending("sequence")).map(d -> d.getLong("sequence")).into(new ArrayList<>());

        assertThat(sequences).containsExactly(6L, 7L, 8L, 9L);
        assertThat(onlyShape().maxExamined()).isEqualTo(4);
        assertThat(onlyShape().plan()).isEqualTo("aggregate_1_sequence_1 in order");
    }

    @Test
    void aSortedRangeWithALimitStopsAfterItsPage() {
        List<String> page = events.find(Filters.gte("timestamp", "t01000"))
                .sort(Sorts.ascending("timestamp", "sequence")).limit(5)
                .map(d -> d.getString("timestamp")).into(new ArrayList<>());

        assertThat(page).containsExactly("t01000", "t01001", "t01002", "t01003", "t01004");
        assertThat(onlyShape().maxExamined()).isEqualTo(5);
    }

    @Test
    void aCursorReadsTheIndexOneBatchAtATime() {
        List<String> read = new ArrayList<>();
        try (MongoCursor<Document> cursor = events.find().sort(Sorts.ascending("timestamp", "sequence"))
                .batchSize(10).iterator()) {
            while (read.size() < 25) {
                read.add(cursor.next().getString("timestamp"));
            }
        }
        assertThat(read).isEqualTo(IntStream.range(0, 25).mapToObj("t%05d"::formatted).toList());
        assertThat(onlyShape().maxExamined()).as("the first batch, read ahead by one").isEqualTo(11);

        List<String> all = events.find().sort(Sorts.descending("timestamp", "sequence")).batchSize(7)
                .map(d -> d.getString("timestamp")).into(new ArrayList<>());
        assertThat(all).hasSize(2000).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void anUnsortedRangeIsReadABatchAtATimeWithTheSameAnswer() {
        Bson range = Filters.gte("timestamp", "t00500");
        List<String> whole = events.find(range).map(d -> d.getString("timestamp")).into(new ArrayList<>());

        List<String> batched = new ArrayList<>();
        try (MongoCursor<Document> cursor = events.find(range).batchSize(50).iterator()) {
            batched.add(cursor.next().getString("timestamp"));
            // the rest is not loaded yet: a document removed now is not returned, as MongoDB would not
            String removed = whole.get(whole.size() - 1);
            events.deleteOne(Filters.eq("timestamp", removed));
            cursor.forEachRemaining(d -> batched.add(d.getString("timestamp")));
            assertThat(batched).isEqualTo(whole.subList(0, whole.size() - 1)).doesNotContain(removed);
        }
        assertThat(whole).hasSize(1500);
    }

    @Test
    void anUnsortedRangeIsAnsweredInIndexOrderAndExaminesOnlyWhatItReads() {
        List<String> first = events.find(Filters.gte("timestamp", "t00500")).limit(5)
                .map(d -> d.getString("timestamp")).into(new ArrayList<>());

        assertThat(first).containsExactly("t00500", "t00501", "t00502", "t00503", "t00504");
        assertThat(onlyShape().maxExamined()).isEqualTo(5);
    }

    @Test
    void anUnsortedRangeOverArraysAnswersEachDocumentOnce() {
        MongoCollection<Document> tags = client.getDatabase("test").getCollection("tags");
        tags.createIndex(Indexes.ascending("tags"));
        tags.insertMany(List.of(new Document("_id", 1).append("tags", List.of(1, 2, 3)),
                new Document("_id", 2).append("tags", List.of(2)), new Document("_id", 3).append("tags", 1),
                new Document("_id", 4).append("tags", new Document("x", 2))));

        List<Object> ids = tags.find(Filters.gte("tags", 2)).map(d -> d.get("_id")).into(new ArrayList<>());

        assertThat(ids).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void aLargeCollectionScanIsReadABatchAtATimeWithTheSameAnswer() {
        List<String> whole = events.find().map(d -> d.getString("timestamp")).into(new ArrayList<>());

        List<String> batched = new ArrayList<>();
        try (MongoCursor<Document> cursor = events.find().batchSize(50).iterator()) {
            batched.add(cursor.next().getString("timestamp"));
            String removed = whole.get(whole.size() - 1);
            events.deleteOne(Filters.eq("timestamp", removed));
            cursor.forEachRemaining(d -> batched.add(d.getString("timestamp")));
            assertThat(batched).isEqualTo(whole.subList(0, whole.size() - 1)).doesNotContain(removed);
        }
        assertThat(whole).hasSize(2000);
    }

    @Test
    void theNewestEventIsOneEntryAtTheEndOfTheIndex() {
        Document newest = events.find().sort(Sorts.descending("timestamp")).limit(1).first();

        assertThat(newest.getString("timestamp")).isEqualTo("t01999");
        assertThat(onlyShape().maxExamined()).isEqualTo(1);
    }

    @Test
    void uniquenessIsStillEnforced() {
        assertThatThrownBy(() -> events.insertOne(new Document("aggregate", "a7").append("sequence", 3L)))
                .isInstanceOf(MongoWriteException.class)
                .satisfies(e -> assertThat(((MongoWriteException) e).getCode()).isEqualTo(11000));
        assertThat(events.countDocuments(Filters.eq("aggregate", "a7"))).isEqualTo(10);
    }

    /** Found by the jqwik equivalence test: mongo-java-server's own unique index answered nothing here. */
    @Test
    void aUniqueIndexSoughtForAnArrayHoldingNullStillAnswersTheDocumentsLackingTheField() {
        MongoCollection<Document> cards = client.getDatabase("test").getCollection("cards");
        cards.createIndex(Indexes.descending("a"), new IndexOptions().unique(true));
        cards.insertMany(List.of(new Document("_id", 0), new Document("_id", 1).append("a", -1)));

        List<Object> sought = java.util.Arrays.asList(java.util.Arrays.asList((Object) null), null);
        assertThat(cards.find(Filters.in("a", sought)).into(new ArrayList<>()))
                .containsExactly(new Document("_id", 0));
        assertThat(cards.find(Filters.in("a", sought)).sort(Sorts.ascending("a")).into(new ArrayList<>()))
                .containsExactly(new Document("_id", 0));
    }

    @Test
    void updatesAndDeletesMoveAndRemoveEntries() {
        events.updateOne(Filters.and(Filters.eq("aggregate", "a3"), Filters.eq("sequence", 0L)),
                Updates.set("timestamp", "t99999"));
        events.deleteMany(Filters.eq("aggregate", "a5"));

        assertThat(events.find().sort(Sorts.descending("timestamp")).first().getString("aggregate")).isEqualTo("a3");
        assertThat(events.find(Filters.eq("aggregate", "a5")).first()).isNull();
        assertThat(events.find(Filters.gte("timestamp", "t00000")).into(new ArrayList<>())).hasSize(1990);
        assertThat(events.find(Filters.eq("timestamp", "t00003")).first()).isNull();
    }

    @Test
    void aQueryNoIndexServesStillAnswersAndIsNamedAScan() {
        assertThat(events.find(Filters.eq("sequence", 9L)).into(new ArrayList<>())).hasSize(200);

        assertThat(onlyShape().scanned()).isTrue();
        assertThat(onlyShape().shape()).isEqualTo("events {sequence: ?}");
        assertThat(onlyShape().maxExamined()).isEqualTo(2000);
    }

    /** countDocuments is an aggregation ($match, $group): its $match is answered from the index, as MongoDB does. */
    @Test
    void anAggregationsLeadingMatchIsServedByAnIndex() {
        assertThat(events.countDocuments(Filters.eq("aggregate", "a7"))).isEqualTo(10);
        assertThat(onlyShape().shape()).isEqualTo("events {aggregate: ?}");
        assertThat(onlyShape().scanned()).isFalse();
        assertThat(onlyShape().maxExamined()).isEqualTo(10);

        server.queryLog().clear();
        List<Document> grouped = events.aggregate(List.of(com.mongodb.client.model.Aggregates.match(
                        Filters.gte("timestamp", "t01990")),
                com.mongodb.client.model.Aggregates.group("$aggregate", com.mongodb.client.model.Accumulators.sum("n", 1))))
                .into(new ArrayList<>());
        assertThat(grouped).hasSize(10);
        assertThat(onlyShape().maxExamined()).isEqualTo(10);
        assertThat(events.countDocuments()).as("an aggregation without a $match reads everything").isEqualTo(2000);
    }
}
