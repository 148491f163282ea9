package io.givefirst.command.help;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The acting member confirms they received the help; only its receiver may. */
public record AcknowledgeHelpCommand(@TargetAggregateIdentifier String helpId, String actingMemberId, String thanks,
                                     Instant occurredAt) {
}
