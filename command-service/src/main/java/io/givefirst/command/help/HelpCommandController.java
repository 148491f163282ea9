package io.givefirst.command.help;

import io.givefirst.command.help.HelpCommands.AcknowledgeHelpCommand;
import io.givefirst.command.help.HelpCommands.ConfirmHelpCommand;
import io.givefirst.command.help.HelpCommands.DisputeHelpCommand;
import io.givefirst.command.help.HelpCommands.GiveHelpCommand;
import io.givefirst.command.help.HelpCommands.ReceiveHelpCommand;
import io.givefirst.command.idempotency.NewRecordIds;
import io.givefirst.command.member.DailyRecords;
import io.givefirst.command.rules.Occurrence;
import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.help.HelpKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
@Tag(name = "Help", description = "Giving value first: help given, received, acknowledged, disputed")
class HelpCommandController {
    private final CommandGateway commands;
    private final Clock clock;
    private final DailyRecords records;

    HelpCommandController(CommandGateway commands, Clock clock, DailyRecords records) {
        this.commands = commands;
        this.clock = clock;
        this.records = records;
    }

    record GiveHelpRequest(
            @Schema(example = "bob") @NotBlank @Size(max = 100) String receiverId,
            @NotNull HelpKind kind,
            @Schema(example = "Honest notes on the pitch deck") @NotBlank @Size(max = HelpGivenEvent.SUMMARY_MAX) String summary,
            @Schema(description = "one of the receiver's open needs that this help answers") @Size(max = 100) String answersNeedId,
            @Schema(description = "when it happened, within the last 366 days; now if absent") Instant occurredAt) {
    }

    record ReceivedHelpRequest(
            @Schema(example = "alice") @NotBlank @Size(max = 100) String giverId,
            @NotNull HelpKind kind,
            @Schema(example = "Introduced me to my first customer") @NotBlank @Size(max = HelpGivenEvent.SUMMARY_MAX) String summary,
            @Schema(description = "one of my open needs that this help answered") @Size(max = 100) String answersNeedId,
            @Schema(description = "when it happened, within the last 366 days; now if absent") Instant occurredAt) {
    }

    record AcknowledgeRequest(@Schema(example = "That changed my pitch") @Size(max = HelpAcknowledgedEvent.THANKS_MAX) String thanks) {
    }

    record DisputeRequest(@Schema(example = "We never spoke about my deck") @Size(max = HelpGivenEvent.SUMMARY_MAX) String reason) {
    }

    @Operation(summary = "I helped a member (unverified until they acknowledge it)")
    @PostMapping("/help")
    ResponseEntity<Map<String, Object>> give(@AuthenticationPrincipal Jwt token,
            @RequestAttribute(name = NewRecordIds.SCOPE, required = false) String key,
            @Valid @RequestBody GiveHelpRequest request) {
        Instant occurredAt = whenOrNow(request.occurredAt());
        records.spend(token.getSubject());
        String helpId = NewRecordIds.of(token.getSubject(), "help-given", key);
        NewRecordIds.start(key, () -> commands.sendAndWait(new GiveHelpCommand(helpId, token.getSubject(),
                request.receiverId().strip(), request.kind(), request.summary().strip(), request.answersNeedId(),
                occurredAt)));
        return ResponseEntity.created(URI.create("/help/" + helpId)).body(Map.of("helpId", helpId, "verified", false));
    }

    @Operation(summary = "A member helped me (pay it forward: verified once they confirm it)")
    @PostMapping("/help/received")
    ResponseEntity<Map<String, Object>> received(@AuthenticationPrincipal Jwt token,
            @RequestAttribute(name = NewRecordIds.SCOPE, required = false) String key,
            @Valid @RequestBody ReceivedHelpRequest request) {
        Instant occurredAt = whenOrNow(request.occurredAt());
        records.spend(token.getSubject());
        String helpId = NewRecordIds.of(token.getSubject(), "help-received", key);
        NewRecordIds.start(key, () -> commands.sendAndWait(new ReceiveHelpCommand(helpId, request.giverId().strip(),
                token.getSubject(), request.kind(), request.summary().strip(), request.answersNeedId(), occurredAt)));
        return ResponseEntity.created(URI.create("/help/" + helpId)).body(Map.of("helpId", helpId, "verified", false));
    }

    @Operation(summary = "I, the receiver, confirm this help happened (it becomes verified)")
    @PostMapping("/help/{helpId}/acknowledgement")
    Map<String, Object> acknowledge(@AuthenticationPrincipal Jwt token, @PathVariable String helpId,
                                    @Valid @RequestBody(required = false) AcknowledgeRequest request) {
        String thanks = request == null ? null : request.thanks();
        commands.sendAndWait(new AcknowledgeHelpCommand(helpId, token.getSubject(), stripped(thanks), clock.instant()));
        return Map.of("helpId", helpId, "verified", true);
    }

    @Operation(summary = "I, the giver, confirm the help its receiver recorded (it becomes verified and credits me)")
    @PostMapping("/help/{helpId}/confirmation")
    Map<String, Object> confirm(@AuthenticationPrincipal Jwt token, @PathVariable String helpId) {
        commands.sendAndWait(new ConfirmHelpCommand(helpId, token.getSubject(), clock.instant()));
        return Map.of("helpId", helpId, "verified", true);
    }

    @Operation(summary = "I, the receiver, dispute this claimed help (it never becomes verified)")
    @PostMapping("/help/{helpId}/dispute")
    Map<String, Object> dispute(@AuthenticationPrincipal Jwt token, @PathVariable String helpId,
                                @Valid @RequestBody(required = false) DisputeRequest request) {
        String reason = request == null ? null : request.reason();
        commands.sendAndWait(new DisputeHelpCommand(helpId, token.getSubject(), stripped(reason), clock.instant()));
        return Map.of("helpId", helpId, "disputed", true);
    }

    private Instant whenOrNow(Instant occurredAt) {
        return Occurrence.orNow(occurredAt, clock);
    }

    private static String stripped(String text) {
        return text == null ? "" : text.strip();
    }
}
