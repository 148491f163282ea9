package io.givefirst.command.help;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.givefirst.command.help.HelpCommands.AcknowledgeHelpCommand;
import io.givefirst.command.help.HelpCommands.ConfirmHelpCommand;
import io.givefirst.command.help.HelpCommands.DisputeHelpCommand;
import io.givefirst.command.help.HelpCommands.GiveHelpCommand;
import io.givefirst.command.help.HelpCommands.ReceiveHelpCommand;
import io.givefirst.command.member.MemberRules;
import io.givefirst.command.member.Members;
import io.givefirst.command.rules.CommandRules;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpConfirmedEvent;
import io.givefirst.events.help.HelpDisputedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.shared.web.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One act of help between two members — the platform's unit of contribution. It is verified once both sides agree:
 * help claimed by its giver when the receiver acknowledges it (or the receiver disputes it, and it never becomes
 * verified); help recorded by its receiver when the giver confirms it (ADR 18) — nobody is credited without saying so.
 */
@Aggregate(cache = "aggregateCache")
public class Help {
    @AggregateIdentifier
    private String helpId;
    private String giverId;
    private String receiverId;
    private String recordedBy;
    private boolean verified;
    private boolean disputed;

    protected Help() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Help(GiveHelpCommand command, Members directory) {
        checkParticipants(command.giverId(), command.receiverId(), command.answersNeedId(), directory);
        if (!directory.isActive(command.giverId())) {
            throw MemberRules.notAMember();
        }
        directory.requireActive(command.receiverId(), "receiver");
        apply(new HelpGivenEvent(command.helpId(), command.giverId(), command.receiverId(), command.kind(),
                command.summary(), command.giverId(), false, command.answersNeedId(), command.occurredAt()));
    }

    @CommandHandler
    Help(ReceiveHelpCommand command, Members directory) {
        checkParticipants(command.giverId(), command.receiverId(), command.answersNeedId(), directory);
        if (!directory.isActive(command.receiverId())) {
            throw MemberRules.notAMember();
        }
        directory.requireActive(command.giverId(), "giver");
        apply(new HelpGivenEvent(command.helpId(), command.giverId(), command.receiverId(), command.kind(),
                command.summary(), command.receiverId(), false, command.answersNeedId(), command.occurredAt()));
    }

    private static void checkParticipants(String giverId, String receiverId, String answersNeedId,
                                          Members directory) {
        if (giverId.equals(receiverId)) {
            throw new RuleViolation(CommandRules.HELP_TO_ONESELF, "you cannot record help given to yourself");
        }
        if (answersNeedId != null && !directory.hasOpenNeed(receiverId, answersNeedId)) {
            throw new RuleViolation(CommandRules.NEED_NOT_OPEN,
                    "the receiver has no open need with the id " + answersNeedId);
        }
    }

    @CommandHandler
    void handle(AcknowledgeHelpCommand command) {
        requireReceiver(command.actingMemberId(), CommandRules.ONLY_RECEIVER_ACKNOWLEDGES,
                "only the member who received this help can acknowledge it");
        requireClaim();
        requireRecordedByGiver("acknowledged");
        apply(new HelpAcknowledgedEvent(helpId, giverId, receiverId, command.thanks(), command.occurredAt()));
    }

    @CommandHandler
    void handle(ConfirmHelpCommand command) {
        if (!giverId.equals(command.actingMemberId())) {
            throw new RuleViolation(CommandRules.ONLY_GIVER_CONFIRMS,
                    "only the member who gave this help can confirm it");
        }
        requireClaim();
        if (giverId.equals(recordedBy)) {
            throw new RuleViolation(CommandRules.HELP_RECORDED_BY_GIVER,
                    "you recorded this help yourself; its receiver acknowledges it");
        }
        apply(new HelpConfirmedEvent(helpId, giverId, receiverId, command.occurredAt()));
    }

    @CommandHandler
    void handle(DisputeHelpCommand command) {
        requireReceiver(command.actingMemberId(), CommandRules.ONLY_RECEIVER_DISPUTES,
                "only the member who received this help can dispute it");
        requireClaim();
        requireRecordedByGiver("disputed");
        apply(new HelpDisputedEvent(helpId, giverId, receiverId, command.reason(), command.occurredAt()));
    }

    /** What the receiver recorded themselves awaits its giver: there is nothing for the receiver to answer. */
    private void requireRecordedByGiver(String answered) {
        if (receiverId.equals(recordedBy)) {
            throw new RuleViolation(CommandRules.HELP_AWAITS_GIVER,
                    "you recorded this help yourself; it cannot be " + answered + " by you, its giver confirms it");
        }
    }

    private void requireReceiver(String actingMemberId, CommandRules rule, String detail) {
        if (!receiverId.equals(actingMemberId)) {
            throw new RuleViolation(rule, detail);
        }
    }

    /** Acknowledging and disputing answer an open claim, once. */
    private void requireClaim() {
        if (verified) {
            throw new RuleViolation(CommandRules.HELP_ALREADY_VERIFIED,
                    "this help is already verified; it needs no acknowledgement or dispute");
        }
        if (disputed) {
            throw new RuleViolation(CommandRules.HELP_DISPUTED,
                    "this help was disputed; it can no longer be acknowledged or disputed");
        }
    }

    @EventSourcingHandler
    void on(HelpGivenEvent event) {
        this.helpId = event.helpId();
        this.giverId = event.giverId();
        this.receiverId = event.receiverId();
        this.recordedBy = event.recordedBy();
        this.verified = event.verified();
    }

    @EventSourcingHandler
    void on(HelpAcknowledgedEvent event) {
        this.verified = true;
    }

    @EventSourcingHandler
    void on(HelpConfirmedEvent event) {
        this.verified = true;
    }

    @EventSourcingHandler
    void on(HelpDisputedEvent event) {
        this.disputed = true;
    }
}
