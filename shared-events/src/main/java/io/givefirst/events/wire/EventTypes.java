package io.givefirst.events.wire;

import io.givefirst.events.EventType;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpConfirmedEvent;
import io.givefirst.events.help.HelpDisputedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.introduction.IntroductionAcceptedEvent;
import io.givefirst.events.introduction.IntroductionDeclinedEvent;
import io.givefirst.events.introduction.IntroductionFruitfulEvent;
import io.givefirst.events.introduction.IntroductionMadeEvent;
import io.givefirst.events.introduction.IntroductionOpenedEvent;
import io.givefirst.events.meeting.MeetingConfirmedEvent;
import io.givefirst.events.meeting.MeetingFollowedUpEvent;
import io.givefirst.events.meeting.MeetingRecordedEvent;
import io.givefirst.events.member.CardRequestedEvent;
import io.givefirst.events.member.MemberErasedEvent;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.member.MemberLeftEvent;
import io.givefirst.events.member.MemberProfileUpdatedEvent;
import io.givefirst.events.member.NeedPostedEvent;
import io.givefirst.events.member.NeedResolvedEvent;
import io.givefirst.events.member.OfferPostedEvent;
import io.givefirst.events.member.OfferWithdrawnEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.serialization.Revision;

/**
 * The registry of every event type on the stream: Java record ↔ versioned CloudEvents type name
 * ({@code givefirst.help.given.v1}). The name comes from {@link EventType}, the version from {@link Revision}.
 */
public final class EventTypes {
    private static final List<Class<?>> ALL = List.of(
            MemberJoinedEvent.class, MemberProfileUpdatedEvent.class, MemberLeftEvent.class, MemberErasedEvent.class,
            NeedPostedEvent.class, NeedResolvedEvent.class, OfferPostedEvent.class, OfferWithdrawnEvent.class,
            CardRequestedEvent.class,
            MeetingRecordedEvent.class, MeetingConfirmedEvent.class, MeetingFollowedUpEvent.class,
            HelpGivenEvent.class, HelpAcknowledgedEvent.class, HelpConfirmedEvent.class, HelpDisputedEvent.class,
            IntroductionMadeEvent.class, IntroductionAcceptedEvent.class, IntroductionDeclinedEvent.class,
            IntroductionOpenedEvent.class, IntroductionFruitfulEvent.class);

    private static final Map<Class<?>, String> TYPE_BY_CLASS = new LinkedHashMap<>();
    private static final Map<String, Class<?>> CLASS_BY_TYPE = new LinkedHashMap<>();

    static {
        for (Class<?> eventClass : ALL) {
            String type = nameOf(eventClass);
            TYPE_BY_CLASS.put(eventClass, type);
            for (String readable : concat(type, earlierTypesOf(eventClass))) {
                if (CLASS_BY_TYPE.put(readable, eventClass) != null) {
                    throw new IllegalStateException("two event classes share the type " + readable);
                }
            }
        }
    }

    private EventTypes() {
    }

    /** Every registered event class, in a stable order. */
    public static List<Class<?>> all() {
        return ALL;
    }

    /** The CloudEvents type of an event class; fails for a class that is not a registered event. */
    public static String typeOf(Class<?> eventClass) {
        String type = TYPE_BY_CLASS.get(eventClass);
        if (type == null) {
            throw new IllegalArgumentException(eventClass.getName() + " is not a registered event type");
        }
        return type;
    }

    /**
     * The event class for a CloudEvents type — current or an earlier revision it still reads — empty for a type
     * this version of the contract does not know.
     */
    public static Optional<Class<?>> classOf(String type) {
        return Optional.ofNullable(CLASS_BY_TYPE.get(type));
    }

    /** Earlier revisions of this event still found on the stream, e.g. {@code givefirst.member.joined.v1}. */
    public static List<String> earlierTypesOf(Class<?> eventClass) {
        EventType name = eventClass.getAnnotation(EventType.class);
        return java.util.Arrays.stream(name.alsoReads()).map(revision -> name.value() + ".v" + revision).toList();
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    static String nameOf(Class<?> eventClass) {
        EventType name = eventClass.getAnnotation(EventType.class);
        Revision revision = eventClass.getAnnotation(Revision.class);
        if (name == null || revision == null) {
            throw new IllegalStateException(eventClass.getName() + " needs both @EventType and @Revision");
        }
        return name.value() + ".v" + revision.value();
    }
}
