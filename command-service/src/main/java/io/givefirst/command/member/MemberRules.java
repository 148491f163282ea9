package io.givefirst.command.member;

import io.givefirst.command.rules.RuleViolation;
import io.givefirst.command.rules.RuleViolation.Kind;

/** The violations about members that several aggregates report the same way. */
public final class MemberRules {
    private MemberRules() {
    }

    public static RuleViolation unknownMember(String memberId, String role) {
        return new RuleViolation(Kind.NOT_FOUND, "unknown-member", "Unknown member",
                "the " + role + " " + memberId + " is not a member");
    }

    public static RuleViolation inactiveMember(String memberId, String role) {
        return new RuleViolation(Kind.CONFLICT, "inactive-member", "Inactive member",
                "the " + role + " " + memberId + " has left the community");
    }

    public static RuleViolation notAMember() {
        return new RuleViolation(Kind.CONFLICT, "not-a-member", "Not a member",
                "join the community (POST /members) before acting in it");
    }
}
