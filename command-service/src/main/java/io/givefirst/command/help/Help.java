package io.givefirst.command.help;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.givefirst.command.member.MemberDirectory;
import io.givefirst.command.rules.RuleViolation;
import io.givefirst.command.rules.RuleViolation.Kind;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One act of help between two members — the platform's unit of contribution. Help claimed by its giver is
 * unverified until the receiver acknowledges it.
 */
@Aggregate
public class Help {
    @AggregateIdentifier
    private String helpId;
    private String giverId;
    private String receiverId;
    private boolean verified;

    protected Help() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Help(GiveHelpCommand command, MemberDirectory directory) {
        if (command.giverId().equals(command.receiverId())) {
            throw new RuleViolation(Kind.INVALID, "help-to-oneself", "Help to oneself",
                    "you cannot record help given to yourself");
        }
        if (!directory.isActive(command.giverId())) {
            throw new RuleViolation(Kind.CONFLICT, "giver-not-a-member", "Giver is not a member",
                    "join the community (POST /members) before recording help");
        }
        if (!directory.isActive(command.receiverId())) {
            throw new RuleViolation(Kind.NOT_FOUND, "unknown-member", "Unknown member",
                    "no active member has the id " + command.receiverId());
        }
        apply(new HelpGivenEvent(command.helpId(), command.giverId(), command.receiverId(), command.kind(),
                command.summary(), command.giverId(), false, command.occurredAt()));
    }

    @CommandHandler
    void handle(AcknowledgeHelpCommand command) {
        if (!receiverId.equals(command.actingMemberId())) {
            throw new RuleViolation(Kind.FORBIDDEN, "only-receiver-acknowledges", "Only the receiver acknowledges",
                    "only the member who received this help can acknowledge it");
        }
        if (verified) {
            throw new RuleViolation(Kind.CONFLICT, "help-already-verified", "Help already verified",
                    "this help is already verified; it needs no acknowledgement");
        }
        apply(new HelpAcknowledgedEvent(helpId, giverId, receiverId, command.thanks(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(HelpGivenEvent event) {
        this.helpId = event.helpId();
        this.giverId = event.giverId();
        this.receiverId = event.receiverId();
        this.verified = event.verified();
    }

    @EventSourcingHandler
    void on(HelpAcknowledgedEvent event) {
        this.verified = true;
    }
}
