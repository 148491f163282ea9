package io.givefirst.command.member;

/**
 * What the rules of several aggregates need to know about members ("the receiver is an active member", "the help
 * answers one of the receiver's open needs"), and nothing of where it is kept: {@link MemberDirectory} answers it
 * from MongoDB, aggregate tests from memory.
 */
public interface Members {
    /** Whether this id ever joined. */
    boolean exists(String memberId);

    /** Whether this id joined and has not left. */
    boolean isActive(String memberId);

    /** Whether {@code needId} is an open need of {@code memberId}. */
    boolean hasOpenNeed(String memberId, String needId);

    /**
     * Checks that a member can take part in an act: joined, and not left.
     *
     * @param role how the member appears in the error, e.g. "receiver"
     */
    default void requireActive(String memberId, String role) {
        if (!exists(memberId)) {
            throw MemberRules.unknownMember(memberId, role);
        }
        if (!isActive(memberId)) {
            throw MemberRules.inactiveMember(memberId, role);
        }
    }
}
