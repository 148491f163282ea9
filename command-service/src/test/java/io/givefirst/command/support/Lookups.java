package io.givefirst.command.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.givefirst.command.introduction.IntroductionDirectory;
import io.givefirst.command.member.MemberDirectory;
import io.givefirst.command.rules.RuleViolation;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.member.MemberLeftEvent;
import io.givefirst.local.infra.MongoWireServer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/**
 * Real lookups (on an in-memory MongoDB-wire server) for aggregate tests, so that cross-aggregate rules are
 * tested against the same code that runs in production. Each call gives fresh, empty collections.
 */
public final class Lookups {
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
    private static final AtomicInteger databases = new AtomicInteger();
    private static MongoClient client;

    private Lookups() {
    }

    private static synchronized MongoDatabase freshDatabase() {
        if (client == null) {
            MongoWireServer server = MongoWireServer.inMemory().start();
            client = MongoClients.create(server.uri(""));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                server.close();
            }));
        }
        return client.getDatabase("lookups-" + databases.incrementAndGet());
    }

    /** A member directory (and introduction directory, on the same database) where these members joined. */
    public static MemberDirectory membersWhoJoined(String... memberIds) {
        MemberDirectory directory = new MemberDirectory(freshDatabase());
        for (String id : memberIds) {
            directory.on(new MemberJoinedEvent(id, id, "", List.of(), null, T0), 0);
        }
        return directory;
    }

    public static void left(MemberDirectory directory, String memberId) {
        directory.on(new MemberLeftEvent(memberId, T0), 1);
    }

    public static IntroductionDirectory introductions() {
        return new IntroductionDirectory(freshDatabase());
    }

    /** Matches a rule violation by its stable slug. */
    public static Matcher<RuleViolation> violating(String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return violation.rule().equals(rule);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a violation of rule ").appendValue(rule);
            }
        };
    }
}
