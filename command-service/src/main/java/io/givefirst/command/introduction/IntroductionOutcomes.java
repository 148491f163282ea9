package io.givefirst.command.introduction;

import io.givefirst.command.introduction.IntroductionCommands.NoteIntroducedMeetingCommand;
import io.givefirst.events.meeting.MeetingRecordedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * When two introduced members record a meeting that references their introduction, tells the introduction —
 * it decides whether that makes it fruitful. A tracking processor with its token in MongoDB: the meeting is
 * acknowledged at once, the introduction follows moments later, and nothing is skipped on failure.
 */
@Component
@ProcessingGroup(IntroductionOutcomes.PROCESSING_GROUP)
public class IntroductionOutcomes {
    public static final String PROCESSING_GROUP = "introduction-outcomes";
    private final CommandGateway commands;

    IntroductionOutcomes(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(MeetingRecordedEvent event) {
        if (event.introductionId() != null) {
            commands.sendAndWait(new NoteIntroducedMeetingCommand(event.introductionId(), event.meetingId(),
                    event.recordedBy(), event.otherMemberId(), event.occurredAt()));
        }
    }
}
