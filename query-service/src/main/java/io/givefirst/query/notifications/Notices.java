package io.givefirst.query.notifications;

import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpConfirmedEvent;
import io.givefirst.events.help.HelpDisputedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.introduction.IntroductionAcceptedEvent;
import io.givefirst.events.introduction.IntroductionDeclinedEvent;
import io.givefirst.events.introduction.IntroductionFruitfulEvent;
import io.givefirst.events.introduction.IntroductionMadeEvent;
import io.givefirst.events.meeting.MeetingConfirmedEvent;
import io.givefirst.events.meeting.MeetingRecordedEvent;
import io.givefirst.events.member.CardRequestedEvent;
import io.givefirst.events.DomainEvent;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Who an event concerns, other than who did it, and what it tells them: one notice per member to tell. */
final class Notices {

    /** A notice for {@code memberId} of this {@code kind}; {@code from} the member who acted, if one did. */
    record Notice(String memberId, String kind, String from) {
    }

    private Notices() {
    }

    private static final Map<Class<?>, Function<DomainEvent, List<Notice>>> BY_TYPE = Map.ofEntries(
            on(HelpGivenEvent.class, e -> e.recordedBy().equals(e.giverId())
                    ? List.of(new Notice(e.receiverId(), "help-received", e.giverId()))
                    : List.of(new Notice(e.giverId(), "help-to-confirm", e.receiverId()))),
            on(HelpAcknowledgedEvent.class, e -> List.of(new Notice(e.giverId(), "help-acknowledged", e.receiverId()))),
            on(HelpConfirmedEvent.class, e -> List.of(new Notice(e.receiverId(), "help-confirmed", e.giverId()))),
            on(HelpDisputedEvent.class, e -> List.of(new Notice(e.giverId(), "help-disputed", e.receiverId()))),
            on(IntroductionMadeEvent.class, e -> List.of(
                    new Notice(e.firstMemberId(), "introduction-made", e.introducerId()),
                    new Notice(e.secondMemberId(), "introduction-made", e.introducerId()))),
            on(IntroductionAcceptedEvent.class, e -> List.of(
                    new Notice(e.introducerId(), "introduction-accepted", e.acceptedBy()),
                    new Notice(other(e.acceptedBy(), e.firstMemberId(), e.secondMemberId()), "introduction-accepted",
                            e.acceptedBy()))),
            on(IntroductionDeclinedEvent.class, e -> List.of(
                    new Notice(e.introducerId(), "introduction-declined", e.declinedBy()),
                    new Notice(other(e.declinedBy(), e.firstMemberId(), e.secondMemberId()), "introduction-declined",
                            e.declinedBy()))),
            on(IntroductionFruitfulEvent.class, e -> List.of(new Notice(e.introducerId(), "introduction-fruitful", null),
                    new Notice(e.firstMemberId(), "introduction-fruitful", null),
                    new Notice(e.secondMemberId(), "introduction-fruitful", null))),
            on(CardRequestedEvent.class, e -> List.of(new Notice(e.memberId(), "card-requested", e.requesterId()))),
            on(MeetingRecordedEvent.class, e -> List.of(new Notice(e.otherMemberId(), "meeting-to-confirm", e.recordedBy()))),
            on(MeetingConfirmedEvent.class, e -> List.of(new Notice(e.recordedBy(), "meeting-confirmed", e.confirmedBy()))));

    static List<Notice> of(DomainEvent event) {
        return BY_TYPE.getOrDefault(event.getClass(), e -> List.of()).apply(event);
    }

    private static <E extends DomainEvent> Map.Entry<Class<?>, Function<DomainEvent, List<Notice>>> on(
            Class<E> type, Function<E, List<Notice>> notices) {
        return Map.entry(type, event -> notices.apply(type.cast(event)));
    }

    private static String other(String one, String first, String second) {
        return one.equals(first) ? second : first;
    }
}
