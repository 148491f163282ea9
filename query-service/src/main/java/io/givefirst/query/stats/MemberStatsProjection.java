package io.givefirst.query.stats;

import static com.mongodb.client.model.Updates.addToSet;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpDisputedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.introduction.IntroductionFruitfulEvent;
import io.givefirst.events.introduction.IntroductionMadeEvent;
import io.givefirst.events.meeting.MeetingConfirmedEvent;
import io.givefirst.events.meeting.MeetingFollowedUpEvent;
import io.givefirst.events.member.CardRequestedEvent;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.query.stream.BulkWrites;
import io.givefirst.query.stream.EventStream;
import io.givefirst.query.stream.Projection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Each member's stats ({@code member_stats}). Counters are kept as sets of the ids they count
 * ({@code $addToSet}) and counted when read: adding an id twice, or in any order, changes nothing — a plain
 * {@code $inc} would count a redelivered event twice. See docs/adr/0008.
 */
@Component
public class MemberStatsProjection implements Projection {
    static final String NAME = "member-stats";
    static final String STATS = "member_stats";

    private final MongoCollection<Document> stats;
    private final EventStream stream;

    public MemberStatsProjection(MongoDatabase readDatabase, EventStream stream) {
        this.stats = readDatabase.getCollection(STATS);
        this.stream = stream;
        stream.track(this);
    }

    @KafkaListener(id = NAME, groupId = NAME, topics = "${givefirst.topic}", batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        stream.deliver(this, records, consumer);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(STATS);
    }

    @Override
    public void apply(List<EventEnvelope> events) {
        BulkWrites writes = new BulkWrites();
        for (EventEnvelope event : events) {
            Object payload = event.payload();
            if (payload instanceof HelpGivenEvent e) {
                writes.upsert(stats, e.giverId(), addToSet("helpGiven", e.helpId()));
                writes.upsert(stats, e.receiverId(), addToSet("helpReceived", e.helpId()));
                if (e.verified()) {
                    verified(writes, e.helpId(), e.giverId(), e.receiverId());
                }
            } else if (payload instanceof HelpAcknowledgedEvent e) {
                verified(writes, e.helpId(), e.giverId(), e.receiverId());
            } else if (payload instanceof HelpDisputedEvent e) {
                writes.upsert(stats, e.giverId(), addToSet("helpGivenDisputed", e.helpId()));
            } else if (payload instanceof IntroductionMadeEvent e) {
                writes.upsert(stats, e.introducerId(), addToSet("introductionsMade", e.introductionId()));
            } else if (payload instanceof IntroductionFruitfulEvent e) {
                writes.upsert(stats, e.introducerId(), addToSet("introductionsFruitful", e.introductionId()));
            } else if (payload instanceof MeetingConfirmedEvent e) {
                writes.upsert(stats, e.confirmedBy(), addToSet("meetings", e.meetingId()));
                writes.upsert(stats, e.recordedBy(), addToSet("meetings", e.meetingId()));
            } else if (payload instanceof MeetingFollowedUpEvent e) {
                writes.upsert(stats, e.followedUpBy(), addToSet("followUps", event.id()));
            } else if (payload instanceof CardRequestedEvent e) {
                writes.upsert(stats, e.memberId(), addToSet("cardRequestsReceived", e.requesterId()));
            }
        }
        writes.flush();
    }

    private void verified(BulkWrites writes, String helpId, String giverId, String receiverId) {
        writes.upsert(stats, giverId, addToSet("helpGivenVerified", helpId));
        writes.upsert(stats, giverId, addToSet("peopleHelped", receiverId));
        writes.upsert(stats, receiverId, addToSet("helpReceivedVerified", helpId));
    }
}
