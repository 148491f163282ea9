package io.givefirst.command.help;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.givefirst.command.member.MemberDirectory;
import io.givefirst.command.rules.RuleViolation;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.help.HelpKind;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.local.infra.MongoWireServer;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HelpTest {
    private static final Instant THEN = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-21T09:00:00Z");
    private static MongoWireServer mongo;
    private static MongoClient client;
    private AggregateTestFixture<Help> fixture;

    @BeforeAll
    static void startStore() {
        mongo = MongoWireServer.inMemory().start();
        client = MongoClients.create(mongo.uri(""));
    }

    @AfterAll
    static void stopStore() {
        client.close();
        mongo.close();
    }

    @BeforeEach
    void setUp() {
        MemberDirectory directory = new MemberDirectory(client.getDatabase("help-test-" + System.nanoTime()));
        directory.on(new MemberJoinedEvent("alice", "Alice", "", List.of(), THEN));
        directory.on(new MemberJoinedEvent("bob", "Bob", "", List.of(), THEN));
        fixture = new AggregateTestFixture<>(Help.class);
        fixture.registerInjectableResource(directory);
    }

    private static HelpGivenEvent claimed() {
        return new HelpGivenEvent("h1", "alice", "bob", HelpKind.FEEDBACK, "Honest notes on the pitch", "alice",
                false, THEN);
    }

    @Test
    void helpRecordedByItsGiverIsAnUnverifiedClaim() {
        fixture.givenNoPriorActivity()
                .when(new GiveHelpCommand("h1", "alice", "bob", HelpKind.FEEDBACK, "Honest notes on the pitch", THEN))
                .expectEvents(claimed());
    }

    @Test
    void rejectsHelpToOneself() {
        fixture.givenNoPriorActivity()
                .when(new GiveHelpCommand("h1", "alice", "alice", HelpKind.IDEA, "Self-help", THEN))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("you cannot record help given to yourself")
                .expectNoEvents();
    }

    @Test
    void rejectsHelpToSomeoneWhoIsNotAMember() {
        fixture.givenNoPriorActivity()
                .when(new GiveHelpCommand("h1", "alice", "carol", HelpKind.IDEA, "An idea", THEN))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("no active member has the id carol")
                .expectNoEvents();
    }

    @Test
    void rejectsHelpFromSomeoneWhoHasNotJoined() {
        fixture.givenNoPriorActivity()
                .when(new GiveHelpCommand("h1", "mallory", "bob", HelpKind.IDEA, "An idea", THEN))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("join the community (POST /members) before recording help")
                .expectNoEvents();
    }

    @Test
    void theReceiversAcknowledgementVerifiesTheHelp() {
        fixture.given(claimed())
                .when(new AcknowledgeHelpCommand("h1", "bob", "Thank you!", LATER))
                .expectEvents(new HelpAcknowledgedEvent("h1", "alice", "bob", "Thank you!", LATER));
    }

    @Test
    void onlyTheReceiverCanAcknowledge() {
        fixture.given(claimed())
                .when(new AcknowledgeHelpCommand("h1", "alice", "", LATER))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("only the member who received this help can acknowledge it")
                .expectNoEvents();
    }

    @Test
    void rejectsAcknowledgingTwice() {
        fixture.given(claimed(), new HelpAcknowledgedEvent("h1", "alice", "bob", "", LATER))
                .when(new AcknowledgeHelpCommand("h1", "bob", "again", LATER))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("this help is already verified; it needs no acknowledgement")
                .expectNoEvents();
    }
}
