package io.givefirst.command.introduction;

import io.givefirst.command.idempotency.NewRecordIds;
import io.givefirst.command.member.DailyRecords;
import io.givefirst.command.introduction.IntroductionCommands.AcceptIntroductionCommand;
import io.givefirst.command.introduction.IntroductionCommands.DeclineIntroductionCommand;
import io.givefirst.command.introduction.IntroductionCommands.MakeIntroductionCommand;
import io.givefirst.events.introduction.IntroductionLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
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
@Tag(name = "Introductions", description = "Introducing two members; their answers")
class IntroductionCommandController {
    private final CommandGateway commands;
    private final Clock clock;
    private final DailyRecords records;

    IntroductionCommandController(CommandGateway commands, Clock clock, DailyRecords records) {
        this.commands = commands;
        this.clock = clock;
        this.records = records;
    }

    record IntroductionRequest(
            @Schema(example = "bob") @NotBlank @Size(max = 100) String firstMemberId,
            @Schema(example = "carol") @NotBlank @Size(max = 100) String secondMemberId,
            @Schema(example = "Bob builds batteries; Carol invests in storage")
            @NotBlank @Size(max = IntroductionLimits.REASON) String reason) {
    }

    @Operation(summary = "I introduce two members to each other, saying why")
    @PostMapping("/introductions")
    ResponseEntity<Map<String, String>> introduce(@AuthenticationPrincipal Jwt token,
            @RequestAttribute(name = NewRecordIds.SCOPE, required = false) String key,
            @Valid @RequestBody IntroductionRequest request) {
        records.spend(token.getSubject());
        String introductionId = NewRecordIds.of(token.getSubject(), "introduction", key);
        NewRecordIds.start(key, () -> commands.sendAndWait(new MakeIntroductionCommand(introductionId,
                token.getSubject(), request.firstMemberId().strip(), request.secondMemberId().strip(),
                request.reason().strip(), clock.instant())));
        return ResponseEntity.created(URI.create("/introductions/" + introductionId))
                .body(Map.of("introductionId", introductionId, "status", "PENDING"));
    }

    @Operation(summary = "I accept an introduction of me (open once both accepted)")
    @PostMapping("/introductions/{introductionId}/acceptance")
    Map<String, String> accept(@AuthenticationPrincipal Jwt token, @PathVariable String introductionId) {
        commands.sendAndWait(new AcceptIntroductionCommand(introductionId, token.getSubject(), clock.instant()));
        return Map.of("introductionId", introductionId, "answer", "ACCEPTED");
    }

    @Operation(summary = "I decline an introduction of me")
    @PostMapping("/introductions/{introductionId}/decline")
    Map<String, String> decline(@AuthenticationPrincipal Jwt token, @PathVariable String introductionId) {
        commands.sendAndWait(new DeclineIntroductionCommand(introductionId, token.getSubject(), clock.instant()));
        return Map.of("introductionId", introductionId, "answer", "DECLINED");
    }
}
