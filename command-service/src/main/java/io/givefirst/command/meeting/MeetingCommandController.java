package io.givefirst.command.meeting;

import io.givefirst.command.meeting.MeetingCommands.ConfirmMeetingCommand;
import io.givefirst.command.meeting.MeetingCommands.FollowUpMeetingCommand;
import io.givefirst.command.meeting.MeetingCommands.RecordMeetingCommand;
import io.givefirst.command.idempotency.NewRecordIds;
import io.givefirst.command.member.DailyRecords;
import io.givefirst.command.rules.Occurrence;
import io.givefirst.events.meeting.MeetingLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Meetings", description = "I met someone; they confirm; either follows up")
class MeetingCommandController {
    private final CommandGateway commands;
    private final Clock clock;
    private final DailyRecords records;

    MeetingCommandController(CommandGateway commands, Clock clock, DailyRecords records) {
        this.commands = commands;
        this.clock = clock;
        this.records = records;
    }

    record MeetingRequest(
            @Schema(example = "bob") @NotBlank @Size(max = 100) String withMemberId,
            @Schema(description = "when we met, within the last 366 days; now if absent", example = "2026-11-20T18:30:00Z") Instant metAt,
            @Schema(example = "Climate founders breakfast, Lyon") @Size(max = MeetingLimits.CONTEXT) String context,
            @Schema(description = "visible only to me", example = "Wants intros to storage investors")
            @Size(max = MeetingLimits.NOTE) String privateNote,
            @Schema(description = "the open introduction that brought us together, if any") @Size(max = 100) String introductionId) {
    }

    record FollowUpRequest(
            @Schema(description = "visible only to me", example = "Sent the deck template")
            @Size(max = MeetingLimits.NOTE) String privateNote) {
    }

    @Operation(summary = "I met a member (a claim until they confirm)")
    @PostMapping("/meetings")
    ResponseEntity<Map<String, String>> record(@AuthenticationPrincipal Jwt token,
            @RequestAttribute(name = NewRecordIds.SCOPE, required = false) String key,
            @Valid @RequestBody MeetingRequest request) {
        Instant metAt = Occurrence.orNow(request.metAt(), clock);
        records.spend(token.getSubject());
        String meetingId = NewRecordIds.of(token.getSubject(), "meeting", key);
        NewRecordIds.start(key, () -> commands.sendAndWait(new RecordMeetingCommand(meetingId, token.getSubject(),
                request.withMemberId().strip(), request.context(), request.privateNote(), request.introductionId(),
                metAt)));
        return ResponseEntity.created(URI.create("/meetings/" + meetingId)).body(Map.of("meetingId", meetingId));
    }

    @Operation(summary = "I confirm a meeting someone recorded with me")
    @PostMapping("/meetings/{meetingId}/confirmation")
    Map<String, Object> confirm(@AuthenticationPrincipal Jwt token, @PathVariable String meetingId) {
        commands.sendAndWait(new ConfirmMeetingCommand(meetingId, token.getSubject(), clock.instant()));
        return Map.of("meetingId", meetingId, "confirmed", true);
    }

    @Operation(summary = "I followed up on a meeting")
    @PostMapping("/meetings/{meetingId}/follow-ups")
    ResponseEntity<Map<String, String>> followUp(@AuthenticationPrincipal Jwt token, @PathVariable String meetingId,
                                                 @Valid @RequestBody(required = false) FollowUpRequest request) {
        records.spend(token.getSubject());
        String note = request == null ? null : request.privateNote();
        commands.sendAndWait(new FollowUpMeetingCommand(meetingId, token.getSubject(), note, clock.instant()));
        return ResponseEntity.status(201).body(Map.of("meetingId", meetingId));
    }
}
