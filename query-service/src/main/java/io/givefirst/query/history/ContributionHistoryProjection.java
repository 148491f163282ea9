package io.givefirst.query.history;

import com.mongodb.client.model.Updates;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.query.stream.EventDecoder;
import io.givefirst.query.stream.ProjectionLag;
import java.util.Date;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Builds each member's contribution history from {@code givefirst.events}. Every poll is applied as one bulk
 * write; offsets are committed only after it, so a crash replays the batch, and the writes are idempotent.
 */
@Component
class ContributionHistoryProjection {
    static final String NAME = "contribution-history";
    static final String GIVEN = ":given";
    static final String RECEIVED = ":received";

    private final ContributionHistoryRepository repository;
    private final EventDecoder decoder;
    private final ProjectionLag lag;

    ContributionHistoryProjection(ContributionHistoryRepository repository, EventDecoder decoder, ProjectionLag lag) {
        this.repository = repository;
        this.decoder = decoder;
        this.lag = lag;
        lag.track(NAME);
    }

    @KafkaListener(id = NAME, groupId = NAME, topics = "${givefirst.topic}", batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        apply(decoder.decode(records));
        lag.record(NAME, consumer);
    }

    /** Applies events in one bulk write per collection. */
    void apply(List<EventEnvelope> events) {
        ContributionHistoryRepository.Batch batch = repository.batch();
        for (EventEnvelope event : events) {
            if (event.payload() instanceof MemberJoinedEvent joined) {
                batch.setDisplayName(joined.memberId(), joined.displayName(), event.sequence());
            } else if (event.payload() instanceof HelpGivenEvent given) {
                on(given, event, batch);
            } else if (event.payload() instanceof HelpAcknowledgedEvent acknowledged) {
                on(acknowledged, batch);
            }
        }
        batch.apply();
    }

    /** Help appears in both members' histories: as given in the giver's, as received in the receiver's. */
    private void on(HelpGivenEvent event, EventEnvelope envelope, ContributionHistoryRepository.Batch batch) {
        helpEntry(batch, event.helpId() + GIVEN, event.giverId(), "GIVER", event.receiverId(), event, envelope);
        helpEntry(batch, event.helpId() + RECEIVED, event.receiverId(), "RECEIVER", event.giverId(), event, envelope);
    }

    private static void helpEntry(ContributionHistoryRepository.Batch batch, String entryId, String memberId,
                                  String role, String counterpartId, HelpGivenEvent event, EventEnvelope envelope) {
        batch.setEntryFields(entryId,
                Updates.set("memberId", memberId), Updates.set("role", role),
                Updates.set("counterpartId", counterpartId), Updates.set("kind", "HELP"),
                Updates.set("helpKind", event.kind().name()), Updates.set("summary", event.summary()),
                Updates.set("occurredAt", Date.from(event.occurredAt())),
                Updates.set("recordedAt", Date.from(envelope.recordedAt())),
                Updates.set("verifiedAtOnce", event.verified()));
    }

    private void on(HelpAcknowledgedEvent event, ContributionHistoryRepository.Batch batch) {
        Date acknowledgedAt = Date.from(event.occurredAt());
        for (String entry : List.of(event.helpId() + GIVEN, event.helpId() + RECEIVED)) {
            batch.setEntryFields(entry, Updates.set("acknowledgedAt", acknowledgedAt),
                    Updates.set("thanks", event.thanks()));
        }
    }
}
