package io.givefirst.bench;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.help.HelpKind;
import io.givefirst.events.introduction.IntroductionAcceptedEvent;
import io.givefirst.events.introduction.IntroductionMadeEvent;
import io.givefirst.events.meeting.MeetingConfirmedEvent;
import io.givefirst.events.meeting.MeetingRecordedEvent;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.wire.EventCodec;
import io.givefirst.events.wire.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A community's history, appended to the event store ({@link StoreGrowth}) to grow it to 1 000 000 events
 * without waiting for that many commands; the relay publishes it and the projections build from it. The same mix as the ingest workload
 * (60% help + acknowledgement, 25% meeting + confirmation, 15% introduction + two acceptances) over the
 * last 60 days, among a fixed number of members picked at random. Each top-up sweeps the 60 days in time order,
 * as a real stream arrives (a day's read-model documents fill one after another, not all at once).
 */
final class SyntheticCommunity {
    static final String SOURCE = "/givefirst/benchmark";
    private final List<String> members = new ArrayList<>();
    private final Random random = new Random(42);
    private final Instant start = Instant.now().minus(Duration.ofDays(60));
    private boolean joined;
    /** 60% help (2 events), 25% meetings (2), 15% introductions (3). */
    private static final double EVENTS_PER_ACT = 0.60 * 2 + 0.25 * 2 + 0.15 * 3;

    SyntheticCommunity(int memberCount) {
        for (int i = 1; i <= memberCount; i++) {
            members.add("member-%05d".formatted(i));
        }
    }

    List<String> members() {
        return members;
    }

    /** Emits events until {@code count} have been emitted by this call (members join first). */
    void emit(long count, Consumer<EventEnvelope> out) {
        long[] emitted = {0};
        Consumer<EventEnvelope> counting = e -> {
            out.accept(e);
            emitted[0]++;
        };
        if (!joined) {
            for (String member : members) {
                counting.accept(envelope(member, "Member", 0, new MemberJoinedEvent(member, "Member " + member,
                        "Builds things", List.of("climate"), null, start)));
            }
            joined = true;
        }
        // each call sweeps the window in time order, as a real stream arrives: about count / 2.25 acts, evenly spaced
        long window = Duration.ofDays(60).minusMinutes(5).toMillis();
        double step = window / (count / EVENTS_PER_ACT);
        double offset = 0;
        while (emitted[0] < count) {
            act(start.plusMillis(Math.min(window, (long) offset)), counting);
            offset += step;
        }
    }

    private void act(Instant at, Consumer<EventEnvelope> out) {
        String a = member(null, null);
        String b = member(a, null);
        int roll = random.nextInt(100);
        String id = UUID.randomUUID().toString();
        if (roll < 60) {
            out.accept(envelope(id, "Help", 0, new HelpGivenEvent(id, a, b, HelpKind.IDEA,
                    "Shared a pricing idea over coffee", a, false, null, at)));
            out.accept(envelope(id, "Help", 1, new HelpAcknowledgedEvent(id, a, b, "Thank you, it helped",
                    at.plusSeconds(60))));
        } else if (roll < 85) {
            out.accept(envelope(id, "Meeting", 0, new MeetingRecordedEvent(id, a, b, "Founders breakfast", null,
                    null, at)));
            out.accept(envelope(id, "Meeting", 1, new MeetingConfirmedEvent(id, b, a, at.plusSeconds(60))));
        } else {
            String c = member(a, b);
            out.accept(envelope(id, "Introduction", 0, new IntroductionMadeEvent(id, a, b, c,
                    "Both work on battery storage", at)));
            out.accept(envelope(id, "Introduction", 1, new IntroductionAcceptedEvent(id, b, a, b, c, at.plusSeconds(60))));
            out.accept(envelope(id, "Introduction", 2, new IntroductionAcceptedEvent(id, c, a, b, c, at.plusSeconds(120))));
        }
    }

    private String member(String not1, String not2) {
        while (true) {
            String member = members.get(random.nextInt(members.size()));
            if (!member.equals(not1) && !member.equals(not2)) {
                return member;
            }
        }
    }

    private static EventEnvelope envelope(String aggregateId, String type, long sequence, DomainEvent payload) {
        return new EventEnvelope(UUID.randomUUID().toString(), SOURCE, aggregateId, type, sequence,
                payload.occurredAt(), payload);
    }
}
