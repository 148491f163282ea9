package io.givefirst.query.stream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Records a projection could not apply, parked in {@code dead_letters} so the rest of their partition flows: the
 * record itself (key, headers, value, where it was on the topic), the projection, the error, when. One document per
 * (projection, record): parking the same record again (another instance, a rebuild) updates it. An admin retries a
 * letter (it is applied again and marked {@code RETRIED}) or discards it ({@code DISCARDED}); both are kept with
 * who did it. {@code givefirst_projection_dead_letters_total{projection}} counts parkings,
 * {@code givefirst_projection_dead_letters_parked{projection}} is what is parked now.
 *
 * <p>A letter parked by a rebuild carries its generation (a retry applies it there; a live consumer's has none and a
 * retry applies it to whatever is live). When a rebuild's generation goes live, the letters parked for the read
 * model it replaced go ({@link #replacedBy}): the rebuild met each of those records again and parked the ones that
 * still fail; when a generation is dropped, its letters go with it.
 */
@Component
public class DeadLetters {
    static final String COLLECTION = "dead_letters";
    public static final String PARKED = "PARKED";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private final MongoCollection<Document> letters;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, AtomicLong> parkedNow = new ConcurrentHashMap<>();

    public DeadLetters(MongoDatabase readDatabase, MeterRegistry meters, Clock clock) {
        this.letters = readDatabase.getCollection(COLLECTION);
        this.meters = meters;
        this.clock = clock;
        letters.createIndex(Indexes.ascending("status", "failedAt", "_id"));
        letters.createIndex(Indexes.ascending("projection", "status", "failedAt", "_id"));
    }

    /** A record of the topic, as it was delivered: what a retry applies again. */
    public record Letter(String id, String projection, Integer generation, String topic, int partition, long offset,
                         String key, String type, String eventId, String error, Date failedAt, int parkings,
                         String status, String resolvedBy, Date resolvedAt) {
    }

    /** One letter per record, projection and generation it was parked for. */
    public static String idOf(String projection, Integer generation, ConsumerRecord<?, ?> record) {
        return projection + (generation == null ? "" : ":g" + generation) + ":" + record.topic() + ":"
                + record.partition() + ":" + record.offset();
    }

    /**
     * Parks a record a projection could not apply. {@code generation} is null for the live consumers, the
     * generation a rebuild writes otherwise. Throws when MongoDB does not take it: the record is then not
     * consumed, and delivered again.
     */
    public void park(String projection, Integer generation, ConsumerRecord<String, byte[]> record, Throwable cause) {
        Document headers = new Document();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new Binary(header.value()));
        }
        String id = idOf(projection, generation, record);
        // one upsert: a record parked again (another instance, a rebuild) counts one more parking, atomically
        letters.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("projection", projection),
                Updates.set("generation", generation), Updates.set("topic", record.topic()),
                Updates.set("partition", record.partition()), Updates.set("offset", record.offset()),
                Updates.set("key", record.key()), Updates.set("headers", headers),
                Updates.set("value", record.value() == null ? null : new Binary(record.value())),
                Updates.set("error", describe(cause)), Updates.set("failedAt", Date.from(clock.instant())),
                Updates.inc("parkings", 1), Updates.set("status", PARKED), Updates.unset("resolvedBy"),
                Updates.unset("resolvedAt")), new UpdateOptions().upsert(true));
        Counter.builder("givefirst.projection.dead.letters").tag("projection", projection)
                .description("records a projection could not apply, parked").register(meters).increment();
        gaugeOf(projection).set(count(projection));
        log.error("{}: parked {}-{}@{} as a dead letter: {}", projection, record.topic(), record.partition(),
                record.offset(), describe(cause));
    }

    /** Parked letters, oldest first, of one projection or of all (null); at most {@code limit}. */
    public List<Letter> parked(String projection, int limit) {
        Bson filter = projection == null ? Filters.eq("status", PARKED)
                : Filters.and(Filters.eq("projection", projection), Filters.eq("status", PARKED));
        return letters.find(filter).sort(Sorts.ascending("failedAt", "_id")).limit(limit)
                .map(DeadLetters::letter).into(new ArrayList<>());
    }

    public Letter find(String id) {
        Document doc = letters.find(Filters.eq("_id", id)).first();
        return doc == null ? null : letter(doc);
    }

    /** The record a letter holds, as it was on the topic. */
    public ConsumerRecord<String, byte[]> record(String id) {
        Document doc = letters.find(Filters.eq("_id", id)).first();
        if (doc == null) {
            return null;
        }
        Binary value = doc.get("value", Binary.class);
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(doc.getString("topic"), doc.getInteger("partition"),
                ((Number) doc.get("offset")).longValue(), doc.getString("key"), value == null ? null : value.getData());
        doc.get("headers", Document.class).forEach((k, v) ->
                record.headers().add(new RecordHeader(k, v == null ? null : ((Binary) v).getData())));
        return record;
    }

    /** Marks a parked letter RETRIED or DISCARDED by whom; false when it was not parked (any more). */
    public boolean resolve(String id, String status, String by) {
        Document before = letters.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.eq("status", PARKED)),
                Updates.combine(Updates.set("status", status), Updates.set("resolvedBy", by),
                        Updates.set("resolvedAt", Date.from(clock.instant()))));
        if (before != null) {
            gaugeOf(before.getString("projection")).set(count(before.getString("projection")));
        }
        return before != null;
    }

    /** A retry failed again: the letter stays parked with the new error. */
    public void failedAgain(String id, Throwable cause) {
        letters.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("error", describe(cause)),
                Updates.set("failedAt", Date.from(clock.instant())), Updates.inc("parkings", 1)));
    }

    /** How many letters of a projection are parked. */
    public long count(String projection) {
        return letters.countDocuments(Filters.and(Filters.eq("projection", projection), Filters.eq("status", PARKED)));
    }

    /** A rebuild's generation went live: the letters parked for the read model it replaced go. */
    public void replacedBy(String projection, int generation) {
        letters.deleteMany(Filters.and(Filters.eq("projection", projection), Filters.eq("status", PARKED),
                Filters.ne("generation", generation)));
        gaugeOf(projection).set(count(projection));
    }

    /** A generation was dropped (a cancelled or failed rebuild, the one a swap replaced): its letters go with it. */
    public void droppedGeneration(String projection, int generation) {
        letters.deleteMany(Filters.and(Filters.eq("projection", projection), Filters.eq("status", PARKED),
                Filters.eq("generation", generation)));
        gaugeOf(projection).set(count(projection));
    }

    /** Keeps the gauges of what is parked right on every instance (another instance may have parked or resolved). */
    @Scheduled(fixedDelay = 30_000, initialDelay = 1_000)
    void refreshGauges() {
        parkedNow.forEach((projection, gauge) -> gauge.set(count(projection)));
    }

    /** Publishes the gauge of a projection (0 until something is parked). */
    public void track(String projection) {
        gaugeOf(projection);
    }

    private AtomicLong gaugeOf(String projection) {
        return parkedNow.computeIfAbsent(projection, p -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("givefirst.projection.dead.letters.parked", value, AtomicLong::get).tag("projection", p)
                    .description("records of this projection parked as dead letters now").register(meters);
            return value;
        });
    }

    /** What went wrong with the record: the cause a {@link RecordFailure} names, else the deepest cause. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t instanceof RecordFailure && t.getCause() != null) {
                root = t.getCause();
                break;
            }
        }
        String message = root.getClass().getName() + ": " + root.getMessage();
        return message.length() > 2000 ? message.substring(0, 2000) + "…" : message;
    }

    private static Letter letter(Document d) {
        return new Letter(d.getString("_id"), d.getString("projection"), d.getInteger("generation"), d.getString("topic"),
                d.getInteger("partition"), ((Number) d.get("offset")).longValue(), d.getString("key"),
                header(d, "ce_type"), header(d, "ce_id"), d.getString("error"), d.getDate("failedAt"),
                d.getInteger("parkings", 1), d.getString("status"), d.getString("resolvedBy"), d.getDate("resolvedAt"));
    }

    private static String header(Document d, String name) {
        Binary value = d.get("headers", Document.class).get(name, Binary.class);
        return value == null ? null : new String(value.getData(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
