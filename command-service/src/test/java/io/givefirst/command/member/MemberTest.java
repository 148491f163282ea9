package io.givefirst.command.member;

import io.givefirst.command.rules.RuleViolation;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.local.infra.MongoWireServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemberTest {
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static MongoWireServer mongo;
    private static MongoClient client;
    private MemberDirectory directory;
    private AggregateTestFixture<Member> fixture;

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
        directory = new MemberDirectory(client.getDatabase("member-test-" + System.nanoTime()));
        fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(directory);
    }

    @Test
    void aPersonJoinsWithTheirProfile() {
        fixture.givenNoPriorActivity()
                .when(new JoinMemberCommand("alice", "Alice", "Connector", List.of("climate"), NOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberJoinedEvent("alice", "Alice", "Connector", List.of("climate"), NOW));
    }

    @Test
    void rejectsJoiningTwice() {
        directory.on(new MemberJoinedEvent("alice", "Alice", "", List.of(), NOW));
        fixture.givenNoPriorActivity()
                .when(new JoinMemberCommand("alice", "Alice again", "", List.of(), NOW))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("member alice has already joined; update the profile instead")
                .expectNoEvents();
    }
}
