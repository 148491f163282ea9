package io.givefirst.command.introduction;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.givefirst.command.introduction.IntroductionCommands.AcceptIntroductionCommand;
import io.givefirst.command.introduction.IntroductionCommands.DeclineIntroductionCommand;
import io.givefirst.command.introduction.IntroductionCommands.MakeIntroductionCommand;
import io.givefirst.command.introduction.IntroductionCommands.NoteIntroducedMeetingCommand;
import io.givefirst.command.member.MemberRules;
import io.givefirst.command.member.Members;
import io.givefirst.command.rules.CommandRules;
import io.givefirst.events.introduction.IntroductionAcceptedEvent;
import io.givefirst.events.introduction.IntroductionDeclinedEvent;
import io.givefirst.events.introduction.IntroductionFruitfulEvent;
import io.givefirst.events.introduction.IntroductionMadeEvent;
import io.givefirst.events.introduction.IntroductionOpenedEvent;
import io.givefirst.shared.web.RuleViolation;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One member introduces two others, saying why they should know each other. Pending until both accept
 * (then open) or one declines; fruitful once the two record a meeting that references it.
 */
@Aggregate(cache = "aggregateCache")
public class Introduction {
    @AggregateIdentifier
    private String introductionId;
    private String introducerId;
    private String firstMemberId;
    private String secondMemberId;
    private final Set<String> accepted = new HashSet<>();
    private boolean declined;
    private boolean fruitful;

    protected Introduction() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Introduction(MakeIntroductionCommand command, Members members, Introductions introductions) {
        String introducer = command.introducerId();
        if (introducer.equals(command.firstMemberId()) || introducer.equals(command.secondMemberId())) {
            throw new RuleViolation(CommandRules.INTRODUCER_INVOLVED, "you introduce two other members, not yourself");
        }
        if (command.firstMemberId().equals(command.secondMemberId())) {
            throw new RuleViolation(CommandRules.INTRODUCTION_TO_ONESELF,
                    "a member cannot be introduced to themselves");
        }
        if (!members.isActive(introducer)) {
            throw MemberRules.notAMember();
        }
        members.requireActive(command.firstMemberId(), "introduced member");
        members.requireActive(command.secondMemberId(), "introduced member");
        if (introductions.hasPending(command.firstMemberId(), command.secondMemberId())) {
            throw new RuleViolation(CommandRules.INTRODUCTION_ALREADY_PENDING,
                    "these two members already have an introduction waiting for their answers");
        }
        apply(new IntroductionMadeEvent(command.introductionId(), introducer, command.firstMemberId(),
                command.secondMemberId(), command.reason(), command.occurredAt()));
    }

    @CommandHandler
    void handle(AcceptIntroductionCommand command) {
        requireIntroduced(command.memberId());
        requireNotDeclined();
        if (accepted.contains(command.memberId())) {
            throw new RuleViolation(CommandRules.INTRODUCTION_ALREADY_ACCEPTED,
                    "you have already accepted this introduction");
        }
        apply(new IntroductionAcceptedEvent(introductionId, command.memberId(), introducerId, firstMemberId,
                secondMemberId, command.occurredAt()));
        if (accepted.size() == 2) {
            apply(new IntroductionOpenedEvent(introductionId, introducerId, firstMemberId, secondMemberId,
                    command.occurredAt()));
        }
    }

    @CommandHandler
    void handle(DeclineIntroductionCommand command) {
        requireIntroduced(command.memberId());
        requireNotDeclined();
        if (accepted.size() == 2) {
            throw new RuleViolation(CommandRules.INTRODUCTION_ALREADY_OPEN,
                    "both members accepted this introduction; it can no longer be declined");
        }
        apply(new IntroductionDeclinedEvent(introductionId, command.memberId(), introducerId, firstMemberId,
                secondMemberId, command.occurredAt()));
    }

    /**
     * A meeting of the two introduced members that references this introduction makes it fruitful — once.
     * Anything else (another pair, a closed introduction, a second meeting) changes nothing: this command comes
     * from a process, not a person, and may be delivered again.
     */
    @CommandHandler
    void handle(NoteIntroducedMeetingCommand command) {
        boolean ourPair = Introductions.pair(firstMemberId, secondMemberId)
                .equals(Introductions.pair(command.oneParticipant(), command.otherParticipant()));
        if (ourPair && accepted.size() == 2 && !declined && !fruitful) {
            apply(new IntroductionFruitfulEvent(introductionId, introducerId, firstMemberId, secondMemberId,
                    command.meetingId(), command.occurredAt()));
        }
    }

    private void requireIntroduced(String memberId) {
        if (!memberId.equals(firstMemberId) && !memberId.equals(secondMemberId)) {
            throw new RuleViolation(CommandRules.ONLY_INTRODUCED_MEMBERS_RESPOND,
                    "only the two introduced members can accept or decline");
        }
    }

    private void requireNotDeclined() {
        if (declined) {
            throw new RuleViolation(CommandRules.INTRODUCTION_DECLINED, "this introduction was declined");
        }
    }

    @EventSourcingHandler
    void on(IntroductionMadeEvent event) {
        this.introductionId = event.introductionId();
        this.introducerId = event.introducerId();
        this.firstMemberId = event.firstMemberId();
        this.secondMemberId = event.secondMemberId();
    }

    @EventSourcingHandler
    void on(IntroductionAcceptedEvent event) {
        accepted.add(event.acceptedBy());
    }

    @EventSourcingHandler
    void on(IntroductionDeclinedEvent event) {
        declined = true;
    }

    @EventSourcingHandler
    void on(IntroductionFruitfulEvent event) {
        fruitful = true;
    }
}
