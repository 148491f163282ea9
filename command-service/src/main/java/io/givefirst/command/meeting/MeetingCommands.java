package io.givefirst.command.meeting;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of the {@link Meeting} aggregate. */
final class MeetingCommands {
    private MeetingCommands() {
    }

    /** {@code occurredAt} is when they met. */
    record RecordMeetingCommand(@TargetAggregateIdentifier String meetingId, String recordedBy, String otherMemberId,
                                String context, String privateNote, String introductionId, Instant occurredAt) {
    }

    record ConfirmMeetingCommand(@TargetAggregateIdentifier String meetingId, String memberId, Instant occurredAt) {
    }

    record FollowUpMeetingCommand(@TargetAggregateIdentifier String meetingId, String memberId, String privateNote,
                                  Instant occurredAt) {
    }
}
