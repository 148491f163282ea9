package io.givefirst.command.member;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of the {@link Member} aggregate; each targets the acting member's own aggregate unless noted. */
final class MemberCommands {
    private MemberCommands() {
    }

    /** The acting member joins the community under their identity provider's subject. */
    record JoinMemberCommand(@TargetAggregateIdentifier String memberId, String displayName, String headline,
                             List<String> interests, String invitedBy, Instant occurredAt) {
    }

    record UpdateProfileCommand(@TargetAggregateIdentifier String memberId, String displayName, String headline,
                                List<String> interests, Instant occurredAt) {
    }

    record LeaveCommunityCommand(@TargetAggregateIdentifier String memberId, Instant occurredAt) {
    }

    /** Records that the member was forgotten; their data keys are already deleted ({@code MemberErasureController}). */
    record EraseMemberCommand(@TargetAggregateIdentifier String memberId, String erasedBy, boolean byAdmin,
                              Instant occurredAt) {
    }

    record PostNeedCommand(@TargetAggregateIdentifier String memberId, String needId, String description,
                           List<String> tags, Instant occurredAt) {
    }

    record ResolveNeedCommand(@TargetAggregateIdentifier String memberId, String needId, Instant occurredAt) {
    }

    record PostOfferCommand(@TargetAggregateIdentifier String memberId, String offerId, String description,
                            List<String> tags, Instant occurredAt) {
    }

    record WithdrawOfferCommand(@TargetAggregateIdentifier String memberId, String offerId, Instant occurredAt) {
    }

    /** {@code requesterId} asks the member {@code memberId} — the target aggregate — for their card. */
    record RequestCardCommand(@TargetAggregateIdentifier String memberId, String requesterId, Instant occurredAt) {
    }
}
