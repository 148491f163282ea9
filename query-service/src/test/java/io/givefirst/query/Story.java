package io.givefirst.query;

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
import io.givefirst.events.member.MemberErasedEvent;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.member.MemberLeftEvent;
import io.givefirst.events.member.MemberProfileUpdatedEvent;
import io.givefirst.events.member.NeedPostedEvent;
import io.givefirst.events.member.OfferPostedEvent;
import io.givefirst.events.member.OfferWithdrawnEvent;
import io.givefirst.events.wire.EventEnvelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A realistic community story as the event store would hold it: each aggregate's events with their sequence
 * numbers. Member ids carry a prefix so that several stories can share one topic and one database.
 *
 * <p>Alice, Bob, Carol and Dave join; Bob updates his profile and needs pitch feedback; Alice offers pitch and
 * fundraising help; Carol needs fundraising advice. Alice meets Bob (confirmed, followed up), asks for his card,
 * as does Carol. Alice helps Bob (acknowledged); Bob claims he helped Alice (never acknowledged); Carol records
 * Alice's help, which Alice confirms; Dave claims he helped Carol, who disputes it. Alice introduces Bob to Carol:
 * both accept, they meet and confirm — fruitful. Bob introduces Alice to Dave; Dave declines, then leaves.
 */
public final class Story {
    public static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
    public final String alice;
    public final String bob;
    public final String carol;
    public final String dave;
    /** Joins, posts a need that matches Alice's offer, and is forgotten. */
    public final String erin;
    private final String p;
    private final Map<String, List<EventEnvelope>> streams = new LinkedHashMap<>();
    private int minutes;

    public Story(String prefix) {
        p = prefix;
        alice = p + "alice";
        bob = p + "bob";
        carol = p + "carol";
        dave = p + "dave";
        erin = p + "erin";
        tell();
    }

    private Instant next() {
        return T0.plusSeconds(60L * ++minutes);
    }

    private void add(String aggregateId, String type, DomainEvent event) {
        List<EventEnvelope> stream = streams.computeIfAbsent(aggregateId, k -> new ArrayList<>());
        stream.add(new EventEnvelope(aggregateId + "#" + stream.size(), "/test", aggregateId, type, stream.size(),
                event.occurredAt().plusMillis(3), event));
    }

    private void tell() {
        for (String[] m : new String[][] {{alice, "Alice"}, {bob, "Bob"}, {carol, "Carol"}, {dave, "Dave"}}) {
            add(m[0], "Member", new MemberJoinedEvent(m[0], m[1], "", List.of(), null, next()));
        }
        add(bob, "Member", new MemberProfileUpdatedEvent(bob, "Bob B.", "Builds batteries", List.of("energy"), next()));
        add(bob, "Member", new NeedPostedEvent(bob, p + "n1", "Feedback on my pitch deck", List.of("pitch"), next()));
        add(alice, "Member", new OfferPostedEvent(alice, p + "o1", "Pitch and fundraising reviews", List.of("pitch", "fundraising"), next()));
        add(alice, "Member", new OfferPostedEvent(alice, p + "o2", "Office space", List.of("space"), next()));
        add(alice, "Member", new OfferWithdrawnEvent(alice, p + "o2", next()));
        add(carol, "Member", new NeedPostedEvent(carol, p + "n2", "Advice on raising a fund", List.of("fundraising"), next()));
        String m1 = p + "m1";
        add(m1, "Meeting", new MeetingRecordedEvent(m1, alice, bob, "Founders breakfast", "Bob raises a seed round", null, next()));
        add(m1, "Meeting", new MeetingConfirmedEvent(m1, bob, alice, next()));
        add(m1, "Meeting", new MeetingFollowedUpEvent(m1, alice, bob, "Sent investor list", next()));
        add(bob, "Member", new CardRequestedEvent(bob, alice, next()));
        add(bob, "Member", new CardRequestedEvent(bob, carol, next()));
        String h1 = p + "h1";
        add(h1, "Help", new HelpGivenEvent(h1, alice, bob, HelpKind.FEEDBACK, "Deck review", alice, false, p + "n1", next()));
        add(h1, "Help", new HelpAcknowledgedEvent(h1, alice, bob, "It changed my pitch", next()));
        String h2 = p + "h2";
        add(h2, "Help", new HelpGivenEvent(h2, bob, alice, HelpKind.IDEA, "A venue idea", bob, false, null, next()));
        String h3 = p + "h3";
        add(h3, "Help", new HelpGivenEvent(h3, alice, carol, HelpKind.RESOURCE, "Fund templates", carol, false, null, next()));
        add(h3, "Help", new HelpConfirmedEvent(h3, alice, carol, next()));
        String h4 = p + "h4";
        add(h4, "Help", new HelpGivenEvent(h4, dave, carol, HelpKind.OTHER, "Great advice", dave, false, null, next()));
        add(h4, "Help", new HelpDisputedEvent(h4, dave, carol, "We never talked", next()));
        String i1 = p + "i1";
        add(i1, "Introduction", new IntroductionMadeEvent(i1, alice, bob, carol, "Batteries meet capital", next()));
        add(i1, "Introduction", new IntroductionAcceptedEvent(i1, bob, alice, bob, carol, next()));
        Instant opened = next();
        add(i1, "Introduction", new IntroductionAcceptedEvent(i1, carol, alice, bob, carol, opened));
        add(i1, "Introduction", new IntroductionOpenedEvent(i1, alice, bob, carol, opened));
        String m2 = p + "m2";
        Instant met = next();
        add(m2, "Meeting", new MeetingRecordedEvent(m2, carol, bob, "Coffee", "", i1, met));
        add(m2, "Meeting", new MeetingConfirmedEvent(m2, bob, carol, next()));
        add(i1, "Introduction", new IntroductionFruitfulEvent(i1, alice, bob, carol, m2, met));
        String i2 = p + "i2";
        add(i2, "Introduction", new IntroductionMadeEvent(i2, bob, alice, dave, "Both love sailing", next()));
        add(i2, "Introduction", new IntroductionDeclinedEvent(i2, dave, bob, alice, dave, next()));
        add(dave, "Member", new MemberLeftEvent(dave, next()));
        add(erin, "Member", new MemberJoinedEvent(erin, "Erin", "Seed investor", List.of("energy"), null, next()));
        add(erin, "Member", new NeedPostedEvent(erin, p + "n9", "A fundraising co-pilot", List.of("fundraising"), next()));
        add(erin, "Member", new MemberErasedEvent(erin, erin, false, next()));
    }

    /** Each aggregate's events in order: what the partitions guarantee. */
    public List<List<EventEnvelope>> streams() {
        return List.copyOf(streams.values());
    }

    /** Everything in the order it was told. */
    public List<EventEnvelope> inOrder() {
        List<EventEnvelope> all = new ArrayList<>();
        streams.values().forEach(all::addAll);
        all.sort(java.util.Comparator.comparing(EventEnvelope::recordedAt));
        return all;
    }
}
