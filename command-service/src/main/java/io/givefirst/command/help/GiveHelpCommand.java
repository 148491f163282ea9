package io.givefirst.command.help;

import io.givefirst.events.help.HelpKind;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The acting member ({@code giverId}) says they helped {@code receiverId}: a claim until acknowledged. */
public record GiveHelpCommand(@TargetAggregateIdentifier String helpId, String giverId, String receiverId,
                              HelpKind kind, String summary, Instant occurredAt) {
}
