package io.givefirst.command.meeting;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.givefirst.command.introduction.Introductions.Status;
import io.givefirst.command.introduction.Introductions;
import io.givefirst.command.meeting.MeetingCommands.ConfirmMeetingCommand;
import io.givefirst.command.meeting.MeetingCommands.FollowUpMeetingCommand;
import io.givefirst.command.meeting.MeetingCommands.RecordMeetingCommand;
import io.givefirst.command.member.MemberRules;
import io.givefirst.command.member.Members;
import io.givefirst.command.rules.CommandRules;
import io.givefirst.command.rules.DailyLimit;
import io.givefirst.events.meeting.MeetingConfirmedEvent;
import io.givefirst.events.meeting.MeetingFollowedUpEvent;
import io.givefirst.events.meeting.MeetingRecordedEvent;
import io.givefirst.shared.web.RuleViolation;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Two members met. Recorded by one participant it is a claim; confirmed by the other it is a fact. Either may
 * follow up. It may reference the open introduction that brought the two together.
 */
@Aggregate(cache = "aggregateCache")
public class Meeting {
    @AggregateIdentifier
    private String meetingId;
    private String recordedBy;
    private String otherMemberId;
    private boolean confirmed;
    /** Each participant's follow-ups: cheap to repeat, so limited per day. */
    private final Map<String, DailyLimit> followUps = new HashMap<>();
    static final int MAX_FOLLOW_UPS_PER_DAY = CommandRules.TOO_MANY_FOLLOW_UPS.limit();

    protected Meeting() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Meeting(RecordMeetingCommand command, Members members, Introductions introductions) {
        if (command.recordedBy().equals(command.otherMemberId())) {
            throw new RuleViolation(CommandRules.MEETING_WITH_ONESELF, "you cannot record a meeting with yourself");
        }
        if (!members.isActive(command.recordedBy())) {
            throw MemberRules.notAMember();
        }
        members.requireActive(command.otherMemberId(), "member met");
        if (command.introductionId() != null) {
            checkIntroduction(command, introductions);
        }
        apply(new MeetingRecordedEvent(command.meetingId(), command.recordedBy(), command.otherMemberId(),
                command.context(), command.privateNote(), command.introductionId(), command.occurredAt()));
    }

    private static void checkIntroduction(RecordMeetingCommand command, Introductions introductions) {
        Introductions.Entry introduction = introductions.find(command.introductionId()).orElseThrow(() ->
                new RuleViolation(CommandRules.UNKNOWN_INTRODUCTION,
                        "no introduction has the id " + command.introductionId()));
        if (!introduction.introduces(command.recordedBy(), command.otherMemberId())) {
            throw new RuleViolation(CommandRules.INTRODUCTION_OF_OTHERS,
                    "that introduction is not between the two members of this meeting");
        }
        if (introduction.status() != Status.OPEN && introduction.status() != Status.FRUITFUL) {
            throw new RuleViolation(CommandRules.INTRODUCTION_NOT_OPEN,
                    "a meeting can reference an introduction once both members accepted it");
        }
    }

    @CommandHandler
    void handle(ConfirmMeetingCommand command) {
        if (!command.memberId().equals(otherMemberId)) {
            throw new RuleViolation(CommandRules.ONLY_OTHER_PARTICIPANT_CONFIRMS,
                    "only the member who was met can confirm this meeting");
        }
        if (confirmed) {
            throw new RuleViolation(CommandRules.MEETING_ALREADY_CONFIRMED, "this meeting is already confirmed");
        }
        apply(new MeetingConfirmedEvent(meetingId, command.memberId(), recordedBy, command.occurredAt()));
    }

    @CommandHandler
    void handle(FollowUpMeetingCommand command) {
        String other;
        if (command.memberId().equals(recordedBy)) {
            other = otherMemberId;
        } else if (command.memberId().equals(otherMemberId)) {
            other = recordedBy;
        } else {
            throw new RuleViolation(CommandRules.ONLY_PARTICIPANTS_FOLLOW_UP,
                    "only the two members who met can follow up on this meeting");
        }
        followUpsOf(command.memberId()).check(command.occurredAt());
        apply(new MeetingFollowedUpEvent(meetingId, command.memberId(), other, command.privateNote(),
                command.occurredAt()));
    }

    private DailyLimit followUpsOf(String memberId) {
        return followUps.computeIfAbsent(memberId, m -> new DailyLimit(CommandRules.TOO_MANY_FOLLOW_UPS,
                "follow-ups of one meeting"));
    }

    @EventSourcingHandler
    void on(MeetingRecordedEvent event) {
        this.meetingId = event.meetingId();
        this.recordedBy = event.recordedBy();
        this.otherMemberId = event.otherMemberId();
    }

    @EventSourcingHandler
    void on(MeetingConfirmedEvent event) {
        this.confirmed = true;
    }

    @EventSourcingHandler
    void on(MeetingFollowedUpEvent event) {
        followUpsOf(event.followedUpBy()).record(event.occurredAt());
    }
}
