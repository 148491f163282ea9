package io.givefirst.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.introduction.IntroductionMadeEvent;
import io.givefirst.events.meeting.MeetingRecordedEvent;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.wire.EventCodec;
import io.givefirst.events.wire.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticCommunityTest {

    @Test
    void emitsTheIngestMixAsEventsEveryConsumerCanRead() {
        SyntheticCommunity community = new SyntheticCommunity(50);
        List<EventEnvelope> events = new ArrayList<>();
        community.emit(20_000, events::add);

        assertThat(events).hasSizeGreaterThanOrEqualTo(20_000).hasSizeLessThan(20_003);
        assertThat(events.subList(0, 50)).allMatch(e -> e.payload() instanceof MemberJoinedEvent);
        Map<Class<?>, Long> acts = events.stream().collect(Collectors.groupingBy(e -> e.payload().getClass(),
                Collectors.counting()));
        long total = acts.get(HelpGivenEvent.class) + acts.get(MeetingRecordedEvent.class)
                + acts.get(IntroductionMadeEvent.class);
        assertThat(acts.get(HelpGivenEvent.class) / (double) total).isBetween(0.57, 0.63);
        assertThat(acts.get(MeetingRecordedEvent.class) / (double) total).isBetween(0.22, 0.28);
        assertThat(acts.get(IntroductionMadeEvent.class) / (double) total).isBetween(0.13, 0.17);

        Instant now = Instant.now();
        assertThat(events).allMatch(e -> !e.occurredAt().isAfter(now.plusSeconds(180))
                && e.occurredAt().isAfter(now.minus(Duration.ofDays(61))));
        EventCodec codec = new EventCodec();
        for (EventEnvelope event : events.subList(0, 500)) {
            assertThat(codec.decode(codec.headers(event), codec.value(event))).contains(event);
        }
    }

    @Test
    void eachTopUpSweepsTheSixtyDaysInTimeOrder() {
        SyntheticCommunity community = new SyntheticCommunity(20);
        for (int topUp = 0; topUp < 2; topUp++) {
            List<EventEnvelope> acts = new ArrayList<>();
            community.emit(10_000, e -> {
                if (e.payload() instanceof HelpGivenEvent || e.payload() instanceof MeetingRecordedEvent
                        || e.payload() instanceof IntroductionMadeEvent) {
                    acts.add(e);
                }
            });
            for (int i = 1; i < acts.size(); i++) {
                assertThat(acts.get(i).occurredAt()).isAfterOrEqualTo(acts.get(i - 1).occurredAt());
            }
            Duration spanned = Duration.between(acts.get(0).occurredAt(), acts.get(acts.size() - 1).occurredAt());
            assertThat(spanned).isBetween(Duration.ofDays(57), Duration.ofDays(60));
        }
    }

    @Test
    void membersJoinOnlyOnce() {
        SyntheticCommunity community = new SyntheticCommunity(10);
        List<EventEnvelope> events = new ArrayList<>();
        community.emit(100, events::add);
        community.emit(100, events::add);
        assertThat(events.stream().filter(e -> e.payload() instanceof MemberJoinedEvent)).hasSize(10);
    }
}
