package io.givefirst.command.help;

import io.givefirst.events.help.HelpKind;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of the {@link Help} aggregate. */
final class HelpCommands {
    private HelpCommands() {
    }

    /** The acting member ({@code giverId}) says they helped {@code receiverId}: a claim until acknowledged. */
    record GiveHelpCommand(@TargetAggregateIdentifier String helpId, String giverId, String receiverId, HelpKind kind,
                           String summary, String answersNeedId, Instant occurredAt) {
    }

    /** The acting member ({@code receiverId}) says {@code giverId} helped them: verified once the giver confirms. */
    record ReceiveHelpCommand(@TargetAggregateIdentifier String helpId, String giverId, String receiverId,
                              HelpKind kind, String summary, String answersNeedId, Instant occurredAt) {
    }

    /** The acting member confirms they received the help; only its receiver may. */
    record AcknowledgeHelpCommand(@TargetAggregateIdentifier String helpId, String actingMemberId, String thanks,
                                  Instant occurredAt) {
    }

    /** The acting member confirms the help its receiver recorded; only its giver may. */
    record ConfirmHelpCommand(@TargetAggregateIdentifier String helpId, String actingMemberId, Instant occurredAt) {
    }

    /** The acting member says the claimed help did not happen as described; only its receiver may. */
    record DisputeHelpCommand(@TargetAggregateIdentifier String helpId, String actingMemberId, String reason,
                              Instant occurredAt) {
    }
}
