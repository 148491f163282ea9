package io.givefirst.command.help;

import static io.givefirst.command.support.Lookups.violating;

import io.givefirst.command.help.HelpCommands.AcknowledgeHelpCommand;
import io.givefirst.command.help.HelpCommands.ConfirmHelpCommand;
import io.givefirst.command.help.HelpCommands.DisputeHelpCommand;
import io.givefirst.command.help.HelpCommands.GiveHelpCommand;
import io.givefirst.command.help.HelpCommands.ReceiveHelpCommand;
import io.givefirst.command.support.Lookups;
import io.givefirst.command.support.MembersInMemory;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpConfirmedEvent;
import io.givefirst.events.help.HelpDisputedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.help.HelpKind;
import io.givefirst.events.member.NeedPostedEvent;
import io.givefirst.events.member.NeedResolvedEvent;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HelpTest {
    private static final Instant THEN = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-21T09:00:00Z");
    private static final HelpGivenEvent CLAIMED = new HelpGivenEvent("h1", "alice", "bob", HelpKind.FEEDBACK,
            "Honest notes on the pitch", "alice", false, null, THEN);
    private MembersInMemory directory;
    private AggregateTestFixture<Help> fixture;

    @BeforeEach
    void setUp() {
        directory = Lookups.membersWhoJoined("alice", "bob", "dave");
        fixture = new AggregateTestFixture<>(Help.class);
        fixture.registerInjectableResource(directory);
    }

    @Test
    void helpRecordedByItsGiverIsAnUnverifiedClaim() {
        fixture.givenNoPriorActivity()
                .when(new GiveHelpCommand("h1", "alice", "bob", HelpKind.FEEDBACK, "Honest notes on the pitch", null, THEN))
                .expectEvents(CLAIMED);
    }

    private static final HelpGivenEvent RECORDED_BY_RECEIVER = new HelpGivenEvent("h2", "alice", "bob",
            HelpKind.INTRODUCTION, "Met my first customer", "bob", false, null, THEN);

    @Test
    void helpRecordedByItsReceiverAwaitsItsGiver() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveHelpCommand("h2", "alice", "bob", HelpKind.INTRODUCTION, "Met my first customer", null, THEN))
                .expectEvents(RECORDED_BY_RECEIVER);
    }

    @Test
    void theGiverConfirmsHelpItsReceiverRecordedAndOnlyOnce() {
        fixture.given(RECORDED_BY_RECEIVER)
                .when(new ConfirmHelpCommand("h2", "alice", LATER))
                .expectEvents(new HelpConfirmedEvent("h2", "alice", "bob", LATER));
        fixture.given(RECORDED_BY_RECEIVER, new HelpConfirmedEvent("h2", "alice", "bob", LATER))
                .when(new ConfirmHelpCommand("h2", "alice", LATER))
                .expectException(violating("help-already-verified")).expectNoEvents();
    }

    @Test
    void onlyTheGiverConfirms() {
        for (String someoneElse : List.of("bob", "dave")) {
            fixture.given(RECORDED_BY_RECEIVER)
                    .when(new ConfirmHelpCommand("h2", someoneElse, LATER))
                    .expectException(violating("only-giver-confirms")).expectNoEvents();
        }
    }

    @Test
    void aGiverDoesNotConfirmTheirOwnClaim() {
        fixture.given(CLAIMED)
                .when(new ConfirmHelpCommand("h1", "alice", LATER))
                .expectException(violating("help-recorded-by-giver")).expectNoEvents();
    }

    @Test
    void theReceiverDoesNotAnswerHelpTheyRecordedThemselves() {
        fixture.given(RECORDED_BY_RECEIVER)
                .when(new AcknowledgeHelpCommand("h2", "bob", "thanks", LATER))
                .expectException(violating("help-awaits-giver")).expectNoEvents();
        fixture.given(RECORDED_BY_RECEIVER)
                .when(new DisputeHelpCommand("h2", "bob", "never mind", LATER))
                .expectException(violating("help-awaits-giver")).expectNoEvents();
    }

    @Test
    void helpRecordedByItsReceiverBeforeConsentExistedStaysVerified() {
        fixture.given(new HelpGivenEvent("h3", "alice", "bob", HelpKind.IDEA, "An idea", "bob", true, null, THEN))
                .when(new ConfirmHelpCommand("h3", "alice", LATER))
                .expectException(violating("help-already-verified")).expectNoEvents();
    }

    @Test
    void helpMayAnswerOneOfTheReceiversOpenNeeds() {
        directory.on(new NeedPostedEvent("bob", "need-1", "Pitch feedback", List.of(), THEN), 1);
        fixture.givenNoPriorActivity()
                .when(new GiveHelpCommand("h1", "alice", "bob", HelpKind.FEEDBACK, "Notes", "need-1", THEN))
                .expectEvents(new HelpGivenEvent("h1", "alice", "bob", HelpKind.FEEDBACK, "Notes", "alice", false,
                        "need-1", THEN));
    }

    @Test
    void rejectsAnsweringANeedThatIsNotTheReceiversOpenNeed() {
        directory.on(new NeedPostedEvent("dave", "daves-need", "A venue", List.of(), THEN), 1);
        directory.on(new NeedPostedEvent("bob", "resolved-need", "A mentor", List.of(), THEN), 2);
        directory.on(new NeedResolvedEvent("bob", "resolved-need", THEN), 3);
        for (String need : List.of("daves-need", "resolved-need", "no-such-need")) {
            fixture.givenNoPriorActivity()
                    .when(new GiveHelpCommand("h1", "alice", "bob", HelpKind.IDEA, "An idea", need, THEN))
                    .expectException(violating("need-not-open")).expectNoEvents();
        }
    }

    @Test
    void rejectsHelpToOneself() {
        fixture.givenNoPriorActivity()
                .when(new GiveHelpCommand("h1", "alice", "alice", HelpKind.IDEA, "Self-help", null, THEN))
                .expectException(violating("help-to-oneself")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ReceiveHelpCommand("h1", "bob", "bob", HelpKind.IDEA, "Self-help", null, THEN))
                .expectException(violating("help-to-oneself")).expectNoEvents();
    }

    @Test
    void rejectsHelpToSomeoneWhoIsNotAnActiveMember() {
        fixture.givenNoPriorActivity()
                .when(new GiveHelpCommand("h1", "alice", "carol", HelpKind.IDEA, "An idea", null, THEN))
                .expectException(violating("unknown-member")).expectNoEvents();
        Lookups.left(directory, "dave");
        fixture.givenNoPriorActivity()
                .when(new GiveHelpCommand("h1", "alice", "dave", HelpKind.IDEA, "An idea", null, THEN))
                .expectException(violating("inactive-member")).expectNoEvents();
    }

    @Test
    void rejectsHelpFromSomeoneWhoIsNotAnActiveMember() {
        fixture.givenNoPriorActivity()
                .when(new GiveHelpCommand("h1", "mallory", "bob", HelpKind.IDEA, "An idea", null, THEN))
                .expectException(violating("not-a-member")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ReceiveHelpCommand("h1", "mallory", "bob", HelpKind.IDEA, "An idea", null, THEN))
                .expectException(violating("unknown-member")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ReceiveHelpCommand("h1", "alice", "mallory", HelpKind.IDEA, "An idea", null, THEN))
                .expectException(violating("not-a-member")).expectNoEvents();
    }

    @Test
    void theReceiversAcknowledgementVerifiesTheHelp() {
        fixture.given(CLAIMED)
                .when(new AcknowledgeHelpCommand("h1", "bob", "Thank you!", LATER))
                .expectEvents(new HelpAcknowledgedEvent("h1", "alice", "bob", "Thank you!", LATER));
    }

    @Test
    void onlyTheReceiverCanAcknowledgeOrDispute() {
        fixture.given(CLAIMED).when(new AcknowledgeHelpCommand("h1", "alice", "", LATER))
                .expectException(violating("only-receiver-acknowledges")).expectNoEvents();
        fixture.given(CLAIMED).when(new DisputeHelpCommand("h1", "dave", "", LATER))
                .expectException(violating("only-receiver-disputes")).expectNoEvents();
    }

    @Test
    void rejectsAcknowledgingTwiceOrWhatWasVerifiedAtOnce() {
        fixture.given(CLAIMED, new HelpAcknowledgedEvent("h1", "alice", "bob", "", LATER))
                .when(new AcknowledgeHelpCommand("h1", "bob", "again", LATER))
                .expectException(violating("help-already-verified")).expectNoEvents();
        fixture.given(new HelpGivenEvent("h1", "alice", "bob", HelpKind.IDEA, "x", "bob", true, null, THEN))
                .when(new AcknowledgeHelpCommand("h1", "bob", "", LATER))
                .expectException(violating("help-already-verified")).expectNoEvents();
    }

    @Test
    void theReceiverMayDisputeAClaim() {
        fixture.given(CLAIMED).when(new DisputeHelpCommand("h1", "bob", "We never spoke", LATER))
                .expectEvents(new HelpDisputedEvent("h1", "alice", "bob", "We never spoke", LATER));
    }

    @Test
    void disputedHelpCanNeitherBeAcknowledgedNorDisputedAgain() {
        HelpDisputedEvent disputed = new HelpDisputedEvent("h1", "alice", "bob", "", LATER);
        fixture.given(CLAIMED, disputed).when(new AcknowledgeHelpCommand("h1", "bob", "", LATER))
                .expectException(violating("help-disputed")).expectNoEvents();
        fixture.given(CLAIMED, disputed).when(new DisputeHelpCommand("h1", "bob", "", LATER))
                .expectException(violating("help-disputed")).expectNoEvents();
    }

    @Test
    void verifiedHelpCannotBeDisputed() {
        fixture.given(CLAIMED, new HelpAcknowledgedEvent("h1", "alice", "bob", "", LATER))
                .when(new DisputeHelpCommand("h1", "bob", "changed my mind", LATER))
                .expectException(violating("help-already-verified")).expectNoEvents();
    }
}
