package io.givefirst.command.introduction;

import static io.givefirst.command.support.Lookups.violating;

import io.givefirst.command.introduction.IntroductionCommands.AcceptIntroductionCommand;
import io.givefirst.command.introduction.IntroductionCommands.DeclineIntroductionCommand;
import io.givefirst.command.introduction.IntroductionCommands.MakeIntroductionCommand;
import io.givefirst.command.introduction.IntroductionCommands.NoteIntroducedMeetingCommand;
import io.givefirst.command.support.IntroductionsInMemory;
import io.givefirst.command.support.Lookups;
import io.givefirst.command.support.MembersInMemory;
import io.givefirst.events.introduction.IntroductionAcceptedEvent;
import io.givefirst.events.introduction.IntroductionDeclinedEvent;
import io.givefirst.events.introduction.IntroductionFruitfulEvent;
import io.givefirst.events.introduction.IntroductionMadeEvent;
import io.givefirst.events.introduction.IntroductionOpenedEvent;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntroductionTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(3600);
    private static final IntroductionMadeEvent MADE =
            new IntroductionMadeEvent("i1", "alice", "bob", "carol", "Batteries meet capital", T0);
    private static final IntroductionAcceptedEvent BOB_ACCEPTED =
            new IntroductionAcceptedEvent("i1", "bob", "alice", "bob", "carol", T1);
    private static final IntroductionAcceptedEvent CAROL_ACCEPTED =
            new IntroductionAcceptedEvent("i1", "carol", "alice", "bob", "carol", T1);
    private static final IntroductionOpenedEvent OPENED = new IntroductionOpenedEvent("i1", "alice", "bob", "carol", T1);
    private MembersInMemory members;
    private IntroductionsInMemory introductions;
    private AggregateTestFixture<Introduction> fixture;

    @BeforeEach
    void setUp() {
        members = Lookups.membersWhoJoined("alice", "bob", "carol", "dave");
        introductions = Lookups.introductions();
        fixture = new AggregateTestFixture<>(Introduction.class);
        fixture.registerInjectableResource(members);
        fixture.registerInjectableResource(introductions);
    }

    @Test
    void aMemberIntroducesTwoOthersSayingWhy() {
        fixture.givenNoPriorActivity()
                .when(new MakeIntroductionCommand("i1", "alice", "bob", "carol", "Batteries meet capital", T0))
                .expectEvents(MADE);
    }

    @Test
    void anIntroductionCannotInvolveItsIntroducerOrTheSameMemberTwice() {
        fixture.givenNoPriorActivity().when(new MakeIntroductionCommand("i1", "alice", "alice", "carol", "x", T0))
                .expectException(violating("introducer-involved")).expectNoEvents();
        fixture.givenNoPriorActivity().when(new MakeIntroductionCommand("i1", "alice", "bob", "alice", "x", T0))
                .expectException(violating("introducer-involved")).expectNoEvents();
        fixture.givenNoPriorActivity().when(new MakeIntroductionCommand("i1", "alice", "bob", "bob", "x", T0))
                .expectException(violating("introduction-to-oneself")).expectNoEvents();
    }

    @Test
    void everyoneInvolvedMustBeAnActiveMember() {
        fixture.givenNoPriorActivity().when(new MakeIntroductionCommand("i1", "mallory", "bob", "carol", "x", T0))
                .expectException(violating("not-a-member")).expectNoEvents();
        fixture.givenNoPriorActivity().when(new MakeIntroductionCommand("i1", "alice", "bob", "mallory", "x", T0))
                .expectException(violating("unknown-member")).expectNoEvents();
        Lookups.left(members, "dave");
        fixture.givenNoPriorActivity().when(new MakeIntroductionCommand("i1", "alice", "dave", "carol", "x", T0))
                .expectException(violating("inactive-member")).expectNoEvents();
    }

    @Test
    void aPairHasAtMostOnePendingIntroduction() {
        introductions.on(new IntroductionMadeEvent("i0", "dave", "carol", "bob", "x", T0), 0);
        fixture.givenNoPriorActivity().when(new MakeIntroductionCommand("i1", "alice", "bob", "carol", "x", T0))
                .expectException(violating("introduction-already-pending")).expectNoEvents();
        introductions.on(new IntroductionDeclinedEvent("i0", "bob", "dave", "carol", "bob", T1), 1);
        fixture.givenNoPriorActivity().when(new MakeIntroductionCommand("i1", "alice", "bob", "carol", "x", T0))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void theIntroductionOpensWhenBothAccept() {
        fixture.given(MADE).when(new AcceptIntroductionCommand("i1", "bob", T1)).expectEvents(BOB_ACCEPTED);
        fixture.given(MADE, BOB_ACCEPTED).when(new AcceptIntroductionCommand("i1", "carol", T1))
                .expectEvents(CAROL_ACCEPTED, OPENED);
    }

    @Test
    void onlyTheIntroducedMembersAnswer() {
        fixture.given(MADE).when(new AcceptIntroductionCommand("i1", "alice", T1))
                .expectException(violating("only-introduced-members-respond")).expectNoEvents();
        fixture.given(MADE).when(new DeclineIntroductionCommand("i1", "dave", T1))
                .expectException(violating("only-introduced-members-respond")).expectNoEvents();
    }

    @Test
    void eachSideAcceptsOnce() {
        fixture.given(MADE, BOB_ACCEPTED).when(new AcceptIntroductionCommand("i1", "bob", T1))
                .expectException(violating("introduction-already-accepted")).expectNoEvents();
    }

    @Test
    void aDeclinedIntroductionIsClosed() {
        IntroductionDeclinedEvent declined = new IntroductionDeclinedEvent("i1", "carol", "alice", "bob", "carol", T1);
        fixture.given(MADE, BOB_ACCEPTED).when(new DeclineIntroductionCommand("i1", "carol", T1)).expectEvents(declined);
        fixture.given(MADE, declined).when(new AcceptIntroductionCommand("i1", "bob", T1))
                .expectException(violating("introduction-declined")).expectNoEvents();
        fixture.given(MADE, declined).when(new DeclineIntroductionCommand("i1", "bob", T1))
                .expectException(violating("introduction-declined")).expectNoEvents();
    }

    @Test
    void anOpenIntroductionCanNoLongerBeDeclined() {
        fixture.given(MADE, BOB_ACCEPTED, CAROL_ACCEPTED, OPENED).when(new DeclineIntroductionCommand("i1", "bob", T1))
                .expectException(violating("introduction-already-open")).expectNoEvents();
    }

    @Test
    void aMeetingOfTheIntroducedPairMakesItFruitfulOnce() {
        IntroductionFruitfulEvent fruitful = new IntroductionFruitfulEvent("i1", "alice", "bob", "carol", "m1", T1);
        fixture.given(MADE, BOB_ACCEPTED, CAROL_ACCEPTED, OPENED)
                .when(new NoteIntroducedMeetingCommand("i1", "m1", "carol", "bob", T1)).expectEvents(fruitful);
        fixture.given(MADE, BOB_ACCEPTED, CAROL_ACCEPTED, OPENED, fruitful)
                .when(new NoteIntroducedMeetingCommand("i1", "m2", "bob", "carol", T1))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void otherMeetingsChangeNothing() {
        fixture.given(MADE, BOB_ACCEPTED, CAROL_ACCEPTED, OPENED)
                .when(new NoteIntroducedMeetingCommand("i1", "m1", "bob", "dave", T1))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(MADE, BOB_ACCEPTED)
                .when(new NoteIntroducedMeetingCommand("i1", "m1", "bob", "carol", T1))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }
}
