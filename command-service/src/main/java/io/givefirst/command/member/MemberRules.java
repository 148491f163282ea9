package io.givefirst.command.member;

import io.givefirst.command.rules.CommandRules;
import io.givefirst.shared.web.RuleViolation;
import io.givefirst.shared.web.SharedRules;
import java.util.Objects;

/** The violations about members that several aggregates report the same way. */
public final class MemberRules {
    private MemberRules() {
    }

    public static RuleViolation unknownMember(String memberId, String role) {
        return new RuleViolation(SharedRules.UNKNOWN_MEMBER, "the " + role + " " + memberId + " is not a member");
    }

    public static RuleViolation inactiveMember(String memberId, String role) {
        return new RuleViolation(CommandRules.INACTIVE_MEMBER,
                "the " + role + " " + memberId + " has left the community");
    }

    public static RuleViolation notAMember() {
        return new RuleViolation(CommandRules.NOT_A_MEMBER, "join the community (POST /members) before acting in it");
    }

    public static RuleViolation alreadyJoined(String memberId) {
        return new RuleViolation(CommandRules.MEMBER_ALREADY_JOINED,
                "member " + Objects.requireNonNull(memberId) + " has already joined; update the profile instead");
    }
}
