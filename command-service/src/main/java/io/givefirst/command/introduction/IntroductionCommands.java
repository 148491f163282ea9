package io.givefirst.command.introduction;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of the {@link Introduction} aggregate. */
final class IntroductionCommands {
    private IntroductionCommands() {
    }

    record MakeIntroductionCommand(@TargetAggregateIdentifier String introductionId, String introducerId,
                                   String firstMemberId, String secondMemberId, String reason, Instant occurredAt) {
    }

    record AcceptIntroductionCommand(@TargetAggregateIdentifier String introductionId, String memberId,
                                     Instant occurredAt) {
    }

    record DeclineIntroductionCommand(@TargetAggregateIdentifier String introductionId, String memberId,
                                      Instant occurredAt) {
    }

    /** Sent by {@link IntroductionOutcomes} when the introduced members record a meeting that references it. */
    record NoteIntroducedMeetingCommand(@TargetAggregateIdentifier String introductionId, String meetingId,
                                        String oneParticipant, String otherParticipant, Instant occurredAt) {
    }
}
