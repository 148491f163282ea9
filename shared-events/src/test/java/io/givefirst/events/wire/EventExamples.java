package io.givefirst.events.wire;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpConfirmedEvent;
import io.givefirst.events.help.HelpDisputedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.help.HelpKind;
import io.givefirst.events.introduction.IntroductionAcceptedEvent;
import io.givefirst.events.introduction.IntroductionDeclinedEvent;
import io.givefirst.events.introduction.IntroductionFruitfulEvent;
import io.givefirst.events.introduction.IntroductionMadeEvent;
import io.givefirst.events.introduction.IntroductionOpenedEvent;
import io.givefirst.events.meeting.MeetingConfirmedEvent;
import io.givefirst.events.meeting.MeetingFollowedUpEvent;
import io.givefirst.events.meeting.MeetingRecordedEvent;
import io.givefirst.events.member.CardRequestedEvent;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.member.MemberErasedEvent;
import io.givefirst.events.member.MemberLeftEvent;
import io.givefirst.events.member.MemberProfileUpdatedEvent;
import io.givefirst.events.member.NeedPostedEvent;
import io.givefirst.events.member.NeedResolvedEvent;
import io.givefirst.events.member.OfferPostedEvent;
import io.givefirst.events.member.OfferWithdrawnEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One realistic example of every event type, as the catalog shows it and the schemas must accept it. */
final class EventExamples {
    private static final Instant AT = Instant.parse("2026-11-20T08:30:00Z");
    private static final String HELP = "6f1c2a9e-0b7d-4c47-9a4e-3d1f2b8c5e01";
    private static final String MEETING = "a3d5e7f9-1b2c-4d6e-8f0a-b1c2d3e4f506";
    private static final String INTRO = "c0ffee00-1234-4abc-9def-0123456789ab";

    private EventExamples() {
    }

    /** The example and the aggregate it belongs to (type, id, sequence). */
    record Example(DomainEvent event, String aggregateType, String aggregateId, long sequence) {
        EventEnvelope envelope() {
            return new EventEnvelope("9b2e4c6a-8d0f-4a1b-b3c5-d7e9f1a3b5c7", "/givefirst/command-service", aggregateId,
                    aggregateType, sequence, event.occurredAt().plusMillis(142), event);
        }
    }

    static final Map<Class<?>, Example> ALL = Map.ofEntries(
            entry(new MemberJoinedEvent("alice", "Alice Martin", "Connector", List.of("climate", "fundraising"), null, AT), "Member", "alice", 0),
            entry(new MemberProfileUpdatedEvent("alice", "Alice Martin", "Climate connector", List.of("climate"), AT), "Member", "alice", 1),
            entry(new MemberLeftEvent("dave", AT), "Member", "dave", 7),
            entry(new MemberErasedEvent("dave", "dave", false, AT), "Member", "dave", 8),
            entry(new NeedPostedEvent("bob", "n-42", "Honest feedback on my pitch deck", List.of("pitch"), AT), "Member", "bob", 2),
            entry(new NeedResolvedEvent("bob", "n-42", AT), "Member", "bob", 5),
            entry(new OfferPostedEvent("alice", "o-7", "Pitch and fundraising reviews", List.of("pitch", "fundraising"), AT), "Member", "alice", 2),
            entry(new OfferWithdrawnEvent("alice", "o-7", AT), "Member", "alice", 3),
            entry(new CardRequestedEvent("bob", "alice", AT), "Member", "bob", 3),
            entry(new MeetingRecordedEvent(MEETING, "alice", "bob", "Climate founders breakfast", "Raising a seed round", null, AT), "Meeting", MEETING, 0),
            entry(new MeetingConfirmedEvent(MEETING, "bob", "alice", AT), "Meeting", MEETING, 1),
            entry(new MeetingFollowedUpEvent(MEETING, "alice", "bob", "Sent my investor list", AT), "Meeting", MEETING, 2),
            entry(new HelpGivenEvent(HELP, "alice", "bob", HelpKind.FEEDBACK, "Went through the deck slide by slide", "alice", false, "n-42", AT), "Help", HELP, 0),
            entry(new HelpAcknowledgedEvent(HELP, "alice", "bob", "It changed my pitch", AT), "Help", HELP, 1),
            entry(new HelpConfirmedEvent(HELP, "alice", "bob", AT), "Help", HELP, 1),
            entry(new HelpDisputedEvent(HELP, "alice", "bob", "We never talked about the deck", AT), "Help", HELP, 1),
            entry(new IntroductionMadeEvent(INTRO, "alice", "bob", "carol", "Bob builds batteries; Carol invests in storage", AT), "Introduction", INTRO, 0),
            entry(new IntroductionAcceptedEvent(INTRO, "bob", "alice", "bob", "carol", AT), "Introduction", INTRO, 1),
            entry(new IntroductionDeclinedEvent(INTRO, "carol", "alice", "bob", "carol", AT), "Introduction", INTRO, 2),
            entry(new IntroductionOpenedEvent(INTRO, "alice", "bob", "carol", AT), "Introduction", INTRO, 3),
            entry(new IntroductionFruitfulEvent(INTRO, "alice", "bob", "carol", MEETING, AT), "Introduction", INTRO, 4));

    private static Map.Entry<Class<?>, Example> entry(DomainEvent event, String type, String id, long sequence) {
        return Map.entry(event.getClass(), new Example(event, type, id, sequence));
    }
}
