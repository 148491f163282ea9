package io.givefirst.query.stream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;

/**
 * How far a read model has got on the topic: per partition ({@code _id}) the highest offset it has passed
 * ({@code offset}) — every record up to it applied, skipped as not its own, or parked as a dead letter. Kept in a
 * collection of the projection's own ({@code <projection>_watermarks}), so a rebuild writes its generation's and a
 * swap makes them live with the rest; written with {@code $max} after the batch's own writes, so it never runs
 * ahead of the read model and converges under redelivery. One upsert per partition of a batch. What a
 * {@code Consistency-Token} is checked against and how far a notification stream may send.
 */
public final class Watermarks {
    static final String OFFSET = "offset";

    private Watermarks() {
    }

    public static String collectionOf(String projection) {
        return projection + "_watermarks";
    }

    /** The highest offset per partition of these records. */
    static Map<Integer, Long> highest(List<? extends ConsumerRecord<?, ?>> records) {
        Map<Integer, Long> highest = new HashMap<>();
        records.forEach(record -> highest.merge(record.partition(), record.offset(), Math::max));
        return highest;
    }

    static void record(MongoCollection<Document> watermarks, Map<Integer, Long> passed) {
        if (passed.isEmpty()) {
            return;
        }
        BulkWrites writes = new BulkWrites();
        passed.forEach((partition, offset) ->
                writes.upsert(watermarks, String.valueOf(partition), Updates.max(OFFSET, offset)));
        writes.flush();
    }

    /** Every partition's watermark: one small read (one document per partition). */
    public static Map<Integer, Long> read(MongoCollection<Document> watermarks) {
        Map<Integer, Long> read = new HashMap<>();
        watermarks.find().forEach(d -> read.put(Integer.parseInt(d.getString("_id")),
                ((Number) d.get(OFFSET)).longValue()));
        return read;
    }
}
