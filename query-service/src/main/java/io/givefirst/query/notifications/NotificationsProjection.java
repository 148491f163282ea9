package io.givefirst.query.notifications;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.BulkWrites;
import io.givefirst.query.stream.EventStream;
import io.givefirst.query.stream.ReadModelCollections;
import io.givefirst.query.stream.StreamPosition;
import io.givefirst.query.stream.StreamProjection;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What each member is told ({@code notifications}): one document per event and member it concerns
 * ({@link Notices}), keyed by event id and member so a redelivery rewrites the same one, with the partition and
 * offset of its record — the order a stream resumes in ({@link NotificationCursor}). After each batch, its
 * watermarks ({@link io.givefirst.query.stream.Watermarks}) hold per partition the highest offset whose
 * notifications are all written: a stream sends nothing beyond them, so a notice written later can never land
 * behind a point a member has passed.
 * Notifications expire {@value #RETENTION_DAYS} days after their event was stored (TTL index): the window a stream
 * can resume in.
 */
@Component
public class NotificationsProjection extends StreamProjection {
    public static final String NAME = "notifications";
    static final String NOTIFICATIONS = "notifications";
    static final long RETENTION_DAYS = 30;

    @Autowired
    public NotificationsProjection(Generations generations, EventStream stream) {
        this(generations.liveOf(NAME), stream);
    }

    public NotificationsProjection(ReadModelCollections collections, EventStream stream) {
        super(NAME, List.of(NOTIFICATIONS), collections, stream, NotificationsProjection::new);
    }

    @Override
    protected void createIndexes() {
        MongoCollection<Document> notifications = collections.get(NOTIFICATIONS);
        notifications.createIndex(Indexes.ascending("memberId", "partition", "offset"));
        notifications.createIndex(Indexes.ascending("storedAt"),
                new IndexOptions().expireAfter(RETENTION_DAYS * 24 * 3600, TimeUnit.SECONDS));
    }

    /** Notifications are ordered by the stream: they are only applied with their records' positions. */
    @Override
    public void apply(List<EventEnvelope> events) {
        throw new UnsupportedOperationException(NAME + " needs each event's position on the stream");
    }

    @Override
    public void apply(List<EventEnvelope> events, List<StreamPosition> positions) {
        MongoCollection<Document> notifications = collections.get(NOTIFICATIONS);
        BulkWrites writes = new BulkWrites();
        for (int i = 0; i < events.size(); i++) {
            EventEnvelope event = events.get(i);
            StreamPosition position = positions.get(i);
            for (Notices.Notice notice : Notices.of(event.payload())) {
                writes.upsert(notifications, event.id() + ":" + notice.memberId(),
                        Updates.set("memberId", notice.memberId()), Updates.set("kind", notice.kind()),
                        Updates.set("from", notice.from()), Updates.set("subjectId", event.aggregateId()),
                        Updates.set("eventType", event.type()), Updates.set("occurredAt", Date.from(event.occurredAt())),
                        // the first position stays: a re-published copy of the event is not news again
                        Updates.setOnInsert("partition", position.partition()),
                        Updates.setOnInsert("offset", position.offset()),
                        Updates.setOnInsert("storedAt", Date.from(event.recordedAt())));
            }
        }
        writes.flush();
    }
}
