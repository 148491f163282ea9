package io.givefirst.command.member;

import io.givefirst.events.member.MemberLimits;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MemberCommandController {
    private final CommandGateway commands;
    private final Clock clock;

    MemberCommandController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    record JoinRequest(
            @NotBlank @Size(max = MemberLimits.DISPLAY_NAME) String displayName,
            @Size(max = MemberLimits.HEADLINE) String headline,
            @Size(max = MemberLimits.INTERESTS) List<@NotBlank @Size(max = MemberLimits.INTEREST) String> interests) {
    }

    @Operation(summary = "Join the community as the token's subject")
    @PostMapping("/members")
    ResponseEntity<Map<String, String>> join(@AuthenticationPrincipal Jwt token, @Valid @RequestBody JoinRequest request) {
        String memberId = token.getSubject();
        commands.sendAndWait(new JoinMemberCommand(memberId, request.displayName().strip(), request.headline(),
                request.interests(), clock.instant()));
        return ResponseEntity.created(URI.create("/members/" + memberId)).body(Map.of("memberId", memberId));
    }
}
