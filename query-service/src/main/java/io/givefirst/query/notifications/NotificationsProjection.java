package io.givefirst.query.notifications;

import static io.givefirst.query.notifications.NotificationFields.EVENT_TYPE;
import static io.givefirst.query.notifications.NotificationFields.FROM;
import static io.givefirst.query.notifications.NotificationFields.KIND;
import static io.givefirst.query.notifications.NotificationFields.MEMBER_ID;
import static io.givefirst.query.notifications.NotificationFields.OCCURRED_AT;
import static io.givefirst.query.notifications.NotificationFields.OFFSET;
import static io.givefirst.query.notifications.NotificationFields.PARTITION;
import static io.givefirst.query.notifications.NotificationFields.STORED_AT;
import static io.givefirst.query.notifications.NotificationFields.SUBJECT_ID;

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
        notifications.createIndex(Indexes.ascending(MEMBER_ID, PARTITION, OFFSET));
        notifications.createIndex(Indexes.ascending(STORED_AT),
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
                        Updates.set(MEMBER_ID, notice.memberId()), Updates.set(KIND, notice.kind()),
                        Updates.set(FROM, notice.from()), Updates.set(SUBJECT_ID, event.aggregateId()),
                        Updates.set(EVENT_TYPE, event.type()), Updates.set(OCCURRED_AT, Date.from(event.occurredAt())),
                        // the first position stays: a re-published copy of the event is not news again
                        Updates.setOnInsert(PARTITION, position.partition()),
                        Updates.setOnInsert(OFFSET, position.offset()),
                        Updates.setOnInsert(STORED_AT, Date.from(event.recordedAt())));
            }
        }
        writes.flush();
    }
}
