package io.givefirst.command.member;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The acting member joins the community under their identity provider's subject. */
public record JoinMemberCommand(@TargetAggregateIdentifier String memberId, String displayName, String headline,
                                List<String> interests, Instant occurredAt) {
}
