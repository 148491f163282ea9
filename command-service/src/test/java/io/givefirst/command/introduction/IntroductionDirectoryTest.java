package io.givefirst.command.introduction;

import static org.assertj.core.api.Assertions.assertThat;

import io.givefirst.command.introduction.IntroductionDirectory.Status;
import io.givefirst.command.member.MemberDirectory;
import io.givefirst.command.support.Lookups;
import io.givefirst.events.introduction.IntroductionFruitfulEvent;
import io.givefirst.events.introduction.IntroductionMadeEvent;
import io.givefirst.events.introduction.IntroductionOpenedEvent;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.member.MemberLeftEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lookups as several instances write them: each right after storing its own events, so the writes of one
 * aggregate's events can arrive late, twice, or in another order than the events.
 */
class IntroductionDirectoryTest {
    private static final Instant T = Instant.parse("2026-11-01T09:00:00Z");

    @Test
    void anOlderEventArrivingLateDoesNotTurnTheStatusBack() {
        IntroductionDirectory directory = Lookups.introductions();
        directory.on(new IntroductionMadeEvent("i1", "carol", "alice", "bob", "x", T), 0);
        directory.on(new IntroductionFruitfulEvent("i1", "carol", "alice", "bob", "m1", T), 3);
        directory.on(new IntroductionOpenedEvent("i1", "carol", "alice", "bob", T), 2);
        directory.on(new IntroductionOpenedEvent("i1", "carol", "alice", "bob", T), 2);

        assertThat(directory.find("i1")).hasValueSatisfying(entry -> assertThat(entry.status()).isEqualTo(Status.FRUITFUL));
        assertThat(directory.hasPending("alice", "bob")).isFalse();
    }

    @Test
    void whoWasIntroducedIsKnownWhenTheMadeEventArrivesAfterTheNextOne() {
        IntroductionDirectory directory = Lookups.introductions();
        directory.on(new IntroductionOpenedEvent("i2", "carol", "alice", "dave", T), 2);
        assertThat(directory.find("i2")).as("status known, the pair not yet").isEmpty();

        directory.on(new IntroductionMadeEvent("i2", "carol", "alice", "dave", "x", T), 0);

        assertThat(directory.find("i2")).hasValueSatisfying(entry -> {
            assertThat(entry.status()).isEqualTo(Status.OPEN);
            assertThat(entry.introduces("dave", "alice")).isTrue();
        });
        assertThat(directory.hasPending("alice", "dave")).as("it is open, no longer pending").isFalse();
    }

    @Test
    void aMemberWhoLeftStaysGoneWhenTheJoinArrivesLate() {
        MemberDirectory directory = Lookups.membersWhoJoined();
        directory.on(new MemberLeftEvent("erin", T), 4);
        directory.on(new MemberJoinedEvent("erin", "Erin", "", List.of(), null, T), 0);

        assertThat(directory.exists("erin")).isTrue();
        assertThat(directory.isActive("erin")).isFalse();
    }
}
