package io.givefirst.query.notifications;

import static io.givefirst.query.notifications.NotificationFields.EVENT_TYPE;
import static io.givefirst.query.notifications.NotificationFields.FROM;
import static io.givefirst.query.notifications.NotificationFields.KIND;
import static io.givefirst.query.notifications.NotificationFields.MEMBER_ID;
import static io.givefirst.query.notifications.NotificationFields.OCCURRED_AT;
import static io.givefirst.query.notifications.NotificationFields.OFFSET;
import static io.givefirst.query.notifications.NotificationFields.PARTITION;
import static io.givefirst.query.notifications.NotificationFields.SUBJECT_ID;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.ReadModelCollections;
import io.givefirst.query.stream.Watermarks;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open notification streams of this instance. Every {@code givefirst.notifications.poll} (250 ms) it reads the
 * watermarks of the live read model and sends each stream what is new for its member, in stream order, at most
 * {@value #BATCH} per stream and poll (the buffer a slow client can hold up); every 15 s an idle stream gets a
 * comment so proxies keep it open. A member may hold {@code givefirst.notifications.max-streams-per-member} (3)
 * streams per instance — a newer one closes their oldest; each ends after {@code givefirst.notifications.stream-timeout} (30 min) and the client
 * reconnects with {@code Last-Event-ID}. Polling MongoDB, not this instance's consumers, is what lets any instance
 * serve any member: the notifications are applied by whichever instance holds their partition.
 */
@Component
class NotificationStreams {
    static final int BATCH = 100;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private final Generations generations;
    private final Duration timeout;
    private final int maxPerMember;
    private final Map<SseEmitter, Stream> open = new ConcurrentHashMap<>();
    /** Each member's open streams, oldest first; changed only inside the map's atomic compute. */
    private final Map<String, Deque<Stream>> perMember = new ConcurrentHashMap<>();

    /** One member's open stream and how far it has got. */
    private static final class Stream {
        final String memberId;
        final SseEmitter emitter;
        NotificationCursor cursor;
        long lastSentAt = System.nanoTime();
        volatile boolean closed;

        Stream(String memberId, SseEmitter emitter, NotificationCursor cursor) {
            this.memberId = memberId;
            this.emitter = emitter;
            this.cursor = cursor;
        }
    }

    NotificationStreams(Generations generations,
                        @Value("${givefirst.notifications.stream-timeout:PT30M}") Duration timeout,
                        @Value("${givefirst.notifications.max-streams-per-member:3}") int maxPerMember) {
        this.generations = generations;
        this.timeout = timeout;
        this.maxPerMember = maxPerMember;
    }

    /**
     * Opens a stream after {@code lastEventId}, or from now when there is none: {@code ready} first, then what is
     * waiting, then it joins the poll. A member's stream beyond the limit closes their oldest (a reload, a tab the
     * browser has not yet given up, a phone that changed network: the server learns of a dropped connection only
     * when a write to it fails).
     */
    SseEmitter open(String memberId, String lastEventId) {
        ReadModelCollections live = live();
        Map<Integer, Long> watermarks = watermarks(live);
        NotificationCursor cursor = lastEventId == null ? new NotificationCursor(watermarks)
                : NotificationCursor.parse(lastEventId);
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Stream stream = new Stream(memberId, emitter, cursor);
        synchronized (stream) {
            send(stream, SseEmitter.event().name("ready").id(cursor.encode()).data("{}", MediaType.APPLICATION_JSON));
        }
        deliver(stream, live, watermarks);
        List<Stream> evicted = new ArrayList<>();
        perMember.compute(memberId, (member, streams) -> {
            Deque<Stream> mine = streams == null ? new ArrayDeque<>() : streams;
            if (!stream.closed) {
                mine.addLast(stream);
                open.put(emitter, stream);
            }
            while (mine.size() > maxPerMember) {
                evicted.add(mine.removeFirst());
            }
            return mine.isEmpty() ? null : mine;
        });
        emitter.onCompletion(() -> close(stream));
        emitter.onTimeout(() -> close(stream));
        emitter.onError(failure -> close(stream));
        for (Stream oldest : evicted) {
            close(oldest);
            oldest.emitter.complete();
        }
        return emitter;
    }

    @Scheduled(fixedDelayString = "${givefirst.notifications.poll:PT0.25S}")
    void poll() {
        if (open.isEmpty()) {
            return;
        }
        ReadModelCollections live = live();
        Map<Integer, Long> watermarks = watermarks(live);
        for (Stream stream : List.copyOf(open.values())) {
            deliver(stream, live, watermarks);
        }
    }

    private void deliver(Stream stream, ReadModelCollections live, Map<Integer, Long> watermarks) {
        synchronized (stream) {
            List<Bson> pending = new ArrayList<>();
            watermarks.forEach((partition, upTo) -> {
                if (upTo > stream.cursor.offset(partition)) {
                    pending.add(Filters.and(Filters.eq(MEMBER_ID, stream.memberId), Filters.eq(PARTITION, partition),
                            Filters.gt(OFFSET, stream.cursor.offset(partition)), Filters.lte(OFFSET, upTo)));
                }
            });
            if (!pending.isEmpty()) {
                List<Document> notifications = live.get(NotificationsProjection.NOTIFICATIONS)
                        .find(pending.size() == 1 ? pending.get(0) : Filters.or(pending))
                        .sort(Sorts.ascending(PARTITION, OFFSET)).limit(BATCH).into(new ArrayList<>());
                for (Document notification : notifications) {
                    stream.cursor = stream.cursor.with(((Number) notification.get(PARTITION)).intValue(),
                            ((Number) notification.get(OFFSET)).longValue());
                    if (!send(stream, SseEmitter.event().name(notification.getString(KIND)).id(stream.cursor.encode())
                            .data(body(notification), MediaType.APPLICATION_JSON))) {
                        return;
                    }
                }
                if (notifications.size() < BATCH) {
                    // everything up to the watermarks is sent: move past the records that told this member nothing
                    watermarks.forEach((partition, upTo) -> stream.cursor = stream.cursor.with(partition, upTo));
                }
            }
            if (System.nanoTime() - stream.lastSentAt > HEARTBEAT.toNanos()) {
                send(stream, SseEmitter.event().comment("keep-alive"));
            }
        }
    }

    static Map<String, Object> body(Document notification) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notificationId", notification.getString("_id"));
        body.put("kind", notification.getString(KIND));
        body.put("from", notification.getString(FROM));
        body.put("subjectId", notification.getString(SUBJECT_ID));
        body.put("eventType", notification.getString(EVENT_TYPE));
        body.put("occurredAt", notification.getDate(OCCURRED_AT).toInstant().toString());
        return body;
    }

    private boolean send(Stream stream, SseEmitter.SseEventBuilder event) {
        try {
            stream.emitter.send(event);
            stream.lastSentAt = System.nanoTime();
            return true;
        } catch (IOException | IllegalStateException gone) {
            stream.emitter.completeWithError(gone);
            close(stream);
            return false;
        }
    }

    private void close(Stream stream) {
        stream.closed = true;
        open.remove(stream.emitter);
        perMember.computeIfPresent(stream.memberId, (member, mine) -> {
            mine.remove(stream);
            return mine.isEmpty() ? null : mine;
        });
    }

    /** The live generation, fixed for one poll: its watermarks and notifications are read from the same one. */
    private ReadModelCollections live() {
        return generations.generation(generations.live(NotificationsProjection.NAME));
    }

    private static Map<Integer, Long> watermarks(ReadModelCollections live) {
        return Watermarks.read(live.get(Watermarks.collectionOf(NotificationsProjection.NAME)));
    }
}
