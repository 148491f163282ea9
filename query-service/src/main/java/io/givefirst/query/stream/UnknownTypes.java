package io.givefirst.query.stream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.givefirst.events.wire.EventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Event types a projection passed over because this version does not know them, shared by every instance in
 * {@code unknown_event_types} (one document per type: how many records of it each projection skipped) and counted
 * in {@code givefirst_projection_unknown_events_total{projection,type}}. A version that knows such a type rebuilds
 * the projections that skipped it when it starts ({@code Rebuilds}), then forgets them here.
 */
@Component
public class UnknownTypes {
    static final String COLLECTION = "unknown_event_types";
    private final MongoCollection<Document> types;
    private final MeterRegistry meters;
    private final Clock clock;

    public UnknownTypes(MongoDatabase readDatabase, MeterRegistry meters, Clock clock) {
        this.types = readDatabase.getCollection(COLLECTION);
        this.meters = meters;
        this.clock = clock;
    }

    /** Records that a projection passed over these records (type → how many). One write per type. */
    public void seen(String projection, Map<String, Integer> skipped) {
        Date now = Date.from(clock.instant());
        skipped.forEach((type, count) -> {
            types.updateOne(Filters.eq("_id", type), Updates.combine(Updates.inc("skipped." + projection, count),
                    Updates.set("lastSeen", now), Updates.setOnInsert("firstSeen", now)), new UpdateOptions().upsert(true));
            Counter.builder("givefirst.projection.unknown.events").tag("projection", projection).tag("type", type)
                    .description("records of an event type this version does not know, passed over")
                    .register(meters).increment(count);
        });
    }

    /** The types a projection passed over, with how many records of each, across every instance. */
    public Map<String, Long> skippedBy(String projection) {
        Map<String, Long> skipped = new LinkedHashMap<>();
        types.find(Filters.exists("skipped." + projection)).forEach(d ->
                skipped.put(d.getString("_id"), ((Number) d.get("skipped", Document.class).get(projection)).longValue()));
        return skipped;
    }

    /** The projections that skipped a type this version knows: they miss events they can now apply. */
    public List<String> learnedBy() {
        List<String> projections = new ArrayList<>();
        types.find().forEach(d -> {
            if (EventTypes.classOf(d.getString("_id")).isPresent()) {
                d.get("skipped", Document.class).keySet().stream().filter(p -> !projections.contains(p))
                        .forEach(projections::add);
            }
        });
        return projections;
    }

    /** A rebuild of the projection has started: the known types it skipped are in it now. */
    public void forgetLearned(String projection) {
        types.find().forEach(d -> {
            if (EventTypes.classOf(d.getString("_id")).isPresent()) {
                types.updateOne(Filters.eq("_id", d.getString("_id")), Updates.unset("skipped." + projection));
            }
        });
        types.deleteMany(Filters.eq("skipped", new Document()));
    }
}
