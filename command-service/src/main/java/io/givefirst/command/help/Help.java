package io.givefirst.command.help;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.givefirst.command.help.HelpCommands.AcknowledgeHelpCommand;
import io.givefirst.command.help.HelpCommands.DisputeHelpCommand;
import io.givefirst.command.help.HelpCommands.GiveHelpCommand;
import io.givefirst.command.help.HelpCommands.ReceiveHelpCommand;
import io.givefirst.command.member.MemberDirectory;
import io.givefirst.command.member.MemberRules;
import io.givefirst.command.rules.RuleViolation;
import io.givefirst.command.rules.RuleViolation.Kind;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpDisputedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One act of help between two members — the platform's unit of contribution. Help claimed by its giver is
 * unverified until the receiver acknowledges it; help recorded by its receiver is verified at once; the
 * receiver may dispute a claim, and disputed help never becomes verified.
 */
@Aggregate(cache = "aggregateCache")
public class Help {
    @AggregateIdentifier
    private String helpId;
    private String giverId;
    private String receiverId;
    private boolean verified;
    private boolean disputed;

    protected Help() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Help(GiveHelpCommand command, MemberDirectory directory) {
        checkParticipants(command.giverId(), command.receiverId(), command.answersNeedId(), directory);
        if (!directory.isActive(command.giverId())) {
            throw MemberRules.notAMember();
        }
        directory.requireActive(command.receiverId(), "receiver");
        apply(new HelpGivenEvent(command.helpId(), command.giverId(), command.receiverId(), command.kind(),
                command.summary(), command.giverId(), false, command.answersNeedId(), command.occurredAt()));
    }

    @CommandHandler
    Help(ReceiveHelpCommand command, MemberDirectory directory) {
        checkParticipants(command.giverId(), command.receiverId(), command.answersNeedId(), directory);
        if (!directory.isActive(command.receiverId())) {
            throw MemberRules.notAMember();
        }
        directory.requireActive(command.giverId(), "giver");
        apply(new HelpGivenEvent(command.helpId(), command.giverId(), command.receiverId(), command.kind(),
                command.summary(), command.receiverId(), true, command.answersNeedId(), command.occurredAt()));
    }

    private static void checkParticipants(String giverId, String receiverId, String answersNeedId,
                                          MemberDirectory directory) {
        if (giverId.equals(receiverId)) {
            throw new RuleViolation(Kind.INVALID, "help-to-oneself", "Help to oneself",
                    "you cannot record help given to yourself");
        }
        if (answersNeedId != null && !directory.hasOpenNeed(receiverId, answersNeedId)) {
            throw new RuleViolation(Kind.CONFLICT, "need-not-open", "Need not open",
                    "the receiver has no open need with the id " + answersNeedId);
        }
    }

    @CommandHandler
    void handle(AcknowledgeHelpCommand command) {
        requireReceiver(command.actingMemberId(), "only-receiver-acknowledges", "Only the receiver acknowledges",
                "only the member who received this help can acknowledge it");
        requireClaim();
        apply(new HelpAcknowledgedEvent(helpId, giverId, receiverId, command.thanks(), command.occurredAt()));
    }

    @CommandHandler
    void handle(DisputeHelpCommand command) {
        requireReceiver(command.actingMemberId(), "only-receiver-disputes", "Only the receiver disputes",
                "only the member who received this help can dispute it");
        requireClaim();
        apply(new HelpDisputedEvent(helpId, giverId, receiverId, command.reason(), command.occurredAt()));
    }

    private void requireReceiver(String actingMemberId, String rule, String title, String detail) {
        if (!receiverId.equals(actingMemberId)) {
            throw new RuleViolation(Kind.FORBIDDEN, rule, title, detail);
        }
    }

    /** Acknowledging and disputing answer an open claim, once. */
    private void requireClaim() {
        if (verified) {
            throw new RuleViolation(Kind.CONFLICT, "help-already-verified", "Help already verified",
                    "this help is already verified; it needs no acknowledgement or dispute");
        }
        if (disputed) {
            throw new RuleViolation(Kind.CONFLICT, "help-disputed", "Help disputed",
                    "this help was disputed; it can no longer be acknowledged or disputed");
        }
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

    @EventSourcingHandler
    void on(HelpDisputedEvent event) {
        this.disputed = true;
    }
}
