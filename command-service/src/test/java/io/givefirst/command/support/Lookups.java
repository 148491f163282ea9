package io.givefirst.command.support;

import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.member.MemberLeftEvent;
import io.givefirst.shared.web.RuleViolation;
import java.time.Instant;
import java.util.List;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/**
 * Lookups for aggregate tests, in memory — no server: members who joined, introductions as their events made them.
 * {@code DirectoriesContractTest} holds these to the same answers as the MongoDB directories production runs.
 */
public final class Lookups {
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

    private Lookups() {
    }

    /** Members where these joined. */
    public static MembersInMemory membersWhoJoined(String... memberIds) {
        MembersInMemory members = new MembersInMemory();
        for (String id : memberIds) {
            members.on(new MemberJoinedEvent(id, id, "", List.of(), null, T0), 0);
        }
        return members;
    }

    public static void left(MembersInMemory members, String memberId) {
        members.on(new MemberLeftEvent(memberId, T0), 1);
    }

    public static IntroductionsInMemory introductions() {
        return new IntroductionsInMemory();
    }

    /** Matches a rule violation by its stable slug. */
    public static Matcher<RuleViolation> violating(String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return violation.rule().slug().equals(rule);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a violation of rule ").appendValue(rule);
            }
        };
    }
}
