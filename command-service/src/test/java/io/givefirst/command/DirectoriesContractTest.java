package io.givefirst.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.givefirst.command.introduction.IntroductionDirectory;
import io.givefirst.command.introduction.Introductions;
import io.givefirst.command.introduction.Introductions.Status;
import io.givefirst.command.member.MemberDirectory;
import io.givefirst.command.member.Members;
import io.givefirst.command.support.IntroductionsInMemory;
import io.givefirst.command.support.MembersInMemory;
import io.givefirst.events.introduction.IntroductionFruitfulEvent;
import io.givefirst.events.introduction.IntroductionMadeEvent;
import io.givefirst.events.introduction.IntroductionOpenedEvent;
import io.givefirst.events.member.MemberErasedEvent;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.member.MemberLeftEvent;
import io.givefirst.events.member.NeedPostedEvent;
import io.givefirst.events.member.NeedResolvedEvent;
import io.givefirst.local.infra.MongoWireServer;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lookups the rules read, as several instances write them — each right after storing its own events, so the
 * writes of one aggregate's events can arrive late, twice, or in another order than the events — and the same
 * answers from the MongoDB directories production runs and the in-memory ones the aggregate tests use.
 */
class DirectoriesContractTest {
    private static final Instant T = Instant.parse("2026-11-01T09:00:00Z");
    private static final AtomicInteger databases = new AtomicInteger();
    private static MongoWireServer server;
    private static MongoClient client;

    /** One implementation of both lookups, and how events reach it. */
    record Lookups(String name, Members members, Introductions introductions) {
        void on(Object event, long sequence) {
            Object target = event.getClass().getPackageName().endsWith("introduction") ? introductions : members;
            try {
                target.getClass().getMethod("on", event.getClass(), long.class).invoke(target, event, sequence);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void startStore() {
        server = MongoWireServer.inMemory().start();
        client = MongoClients.create(server.uri(""));
    }

    @AfterAll
    static void stopStore() {
        client.close();
        server.close();
    }

    static Stream<Lookups> lookups() {
        MongoDatabase database = client.getDatabase("directories-" + databases.incrementAndGet());
        return Stream.of(new Lookups("MongoDB", new MemberDirectory(database), new IntroductionDirectory(database)),
                new Lookups("in memory", new MembersInMemory(), new IntroductionsInMemory()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void anOlderEventArrivingLateDoesNotTurnTheStatusBack(Lookups lookups) {
        lookups.on(new IntroductionMadeEvent("i1", "carol", "alice", "bob", "x", T), 0);
        lookups.on(new IntroductionFruitfulEvent("i1", "carol", "alice", "bob", "m1", T), 3);
        lookups.on(new IntroductionOpenedEvent("i1", "carol", "alice", "bob", T), 2);
        lookups.on(new IntroductionOpenedEvent("i1", "carol", "alice", "bob", T), 2);

        assertThat(lookups.introductions().find("i1"))
                .hasValueSatisfying(entry -> assertThat(entry.status()).isEqualTo(Status.FRUITFUL));
        assertThat(lookups.introductions().hasPending("alice", "bob")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void whoWasIntroducedIsKnownWhenTheMadeEventArrivesAfterTheNextOne(Lookups lookups) {
        lookups.on(new IntroductionOpenedEvent("i2", "carol", "alice", "dave", T), 2);
        assertThat(lookups.introductions().find("i2")).as("status known, the pair not yet").isEmpty();

        lookups.on(new IntroductionMadeEvent("i2", "carol", "alice", "dave", "x", T), 0);

        assertThat(lookups.introductions().find("i2")).hasValueSatisfying(entry -> {
            assertThat(entry.status()).isEqualTo(Status.OPEN);
            assertThat(entry.introduces("dave", "alice")).isTrue();
        });
        assertThat(lookups.introductions().hasPending("alice", "dave")).as("it is open, no longer pending").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void aPendingIntroductionIsFoundInEitherOrder(Lookups lookups) {
        lookups.on(new IntroductionMadeEvent("i3", "carol", "erin", "frank", "x", T), 0);

        assertThat(lookups.introductions().hasPending("frank", "erin")).isTrue();
        assertThat(lookups.introductions().hasPending("erin", "carol")).isFalse();
        assertThat(lookups.introductions().find("nope")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void aMemberWhoLeftStaysGoneWhenTheJoinArrivesLate(Lookups lookups) {
        lookups.on(new MemberLeftEvent("erin", T), 4);
        lookups.on(new MemberJoinedEvent("erin", "Erin", "", List.of(), null, T), 0);

        assertThat(lookups.members().exists("erin")).isTrue();
        assertThat(lookups.members().isActive("erin")).isFalse();
        assertThat(lookups.members().exists("nobody")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void anErasedMemberIsNoLongerActive(Lookups lookups) {
        lookups.on(new MemberJoinedEvent("gus", "Gus", "", List.of(), null, T), 0);
        assertThat(lookups.members().isActive("gus")).isTrue();

        lookups.on(new MemberErasedEvent("gus", "gus", false, T), 5);

        assertThat(lookups.members().isActive("gus")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void aNeedIsOpenForItsOwnerUntilResolvedWhateverTheOrder(Lookups lookups) {
        lookups.on(new NeedPostedEvent("bob", "need-1", "Pitch feedback", List.of(), T), 1);
        lookups.on(new NeedResolvedEvent("bob", "need-2", T), 3);
        lookups.on(new NeedPostedEvent("bob", "need-2", "A mentor", List.of(), T), 2);

        assertThat(lookups.members().hasOpenNeed("bob", "need-1")).isTrue();
        assertThat(lookups.members().hasOpenNeed("dave", "need-1")).as("not dave's need").isFalse();
        assertThat(lookups.members().hasOpenNeed("bob", "need-2")).as("resolved, the posting arrived late").isFalse();
    }
}
