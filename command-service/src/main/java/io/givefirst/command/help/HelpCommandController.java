package io.givefirst.command.help;

import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.help.HelpKind;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HelpCommandController {
    private final CommandGateway commands;
    private final Clock clock;

    HelpCommandController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    record GiveHelpRequest(
            @NotBlank @Size(max = 100) String receiverId,
            @NotNull HelpKind kind,
            @NotBlank @Size(max = HelpGivenEvent.SUMMARY_MAX) String summary,
            @PastOrPresent Instant occurredAt) {
    }

    record AcknowledgeRequest(@Size(max = HelpAcknowledgedEvent.THANKS_MAX) String thanks) {
    }

    @Operation(summary = "I helped a member (unverified until they acknowledge it)")
    @PostMapping("/help")
    ResponseEntity<Map<String, Object>> give(@AuthenticationPrincipal Jwt token,
                                             @Valid @RequestBody GiveHelpRequest request) {
        String helpId = UUID.randomUUID().toString();
        Instant occurredAt = request.occurredAt() == null ? clock.instant() : request.occurredAt();
        commands.sendAndWait(new GiveHelpCommand(helpId, token.getSubject(), request.receiverId().strip(),
                request.kind(), request.summary().strip(), occurredAt));
        return ResponseEntity.created(URI.create("/help/" + helpId))
                .body(Map.of("helpId", helpId, "verified", false));
    }

    @Operation(summary = "I, the receiver, confirm this help happened (it becomes verified)")
    @PostMapping("/help/{helpId}/acknowledgement")
    ResponseEntity<Map<String, Object>> acknowledge(@AuthenticationPrincipal Jwt token, @PathVariable String helpId,
                                                    @Valid @RequestBody(required = false) AcknowledgeRequest request) {
        String thanks = request == null || request.thanks() == null ? "" : request.thanks().strip();
        commands.sendAndWait(new AcknowledgeHelpCommand(helpId, token.getSubject(), thanks, clock.instant()));
        return ResponseEntity.ok(Map.of("helpId", helpId, "verified", true));
    }
}
