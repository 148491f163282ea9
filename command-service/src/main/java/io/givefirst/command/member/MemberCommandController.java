package io.givefirst.command.member;

import io.givefirst.command.idempotency.NewRecordIds;
import io.givefirst.command.member.MemberCommands.JoinMemberCommand;
import io.givefirst.command.member.MemberCommands.LeaveCommunityCommand;
import io.givefirst.command.member.MemberCommands.PostNeedCommand;
import io.givefirst.command.member.MemberCommands.PostOfferCommand;
import io.givefirst.command.member.MemberCommands.RequestCardCommand;
import io.givefirst.command.member.MemberCommands.ResolveNeedCommand;
import io.givefirst.command.member.MemberCommands.UpdateProfileCommand;
import io.givefirst.command.member.MemberCommands.WithdrawOfferCommand;
import io.givefirst.events.member.MemberLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Members", description = "Joining, the profile, needs and offers, card requests")
class MemberCommandController {
    private final CommandGateway commands;
    private final Clock clock;
    private final DailyRecords records;

    MemberCommandController(CommandGateway commands, Clock clock, DailyRecords records) {
        this.commands = commands;
        this.clock = clock;
        this.records = records;
    }

    record ProfileRequest(
            @Schema(example = "Alice Martin") @NotBlank @Size(max = MemberLimits.DISPLAY_NAME) String displayName,
            @Schema(example = "Connects climate founders with patient capital") @Size(max = MemberLimits.HEADLINE) String headline,
            @Schema(example = "[\"climate\", \"fundraising\"]")
            @Size(max = MemberLimits.INTERESTS) List<@NotBlank @Size(max = MemberLimits.INTEREST) String> interests) {
    }

    record JoinRequest(
            @Schema(example = "Alice Martin") @NotBlank @Size(max = MemberLimits.DISPLAY_NAME) String displayName,
            @Schema(example = "Connects climate founders with patient capital") @Size(max = MemberLimits.HEADLINE) String headline,
            @Schema(example = "[\"climate\", \"fundraising\"]")
            @Size(max = MemberLimits.INTERESTS) List<@NotBlank @Size(max = MemberLimits.INTEREST) String> interests,
            @Schema(description = "the member who invited me, if any", example = "carol") @Size(max = 100) String invitedBy) {
    }

    record NeedOrOfferRequest(
            @Schema(example = "An introduction to a seed investor in energy storage")
            @NotBlank @Size(max = MemberLimits.DESCRIPTION) String description,
            @Schema(example = "[\"fundraising\", \"energy\"]")
            @Size(max = MemberLimits.INTERESTS) List<@NotBlank @Size(max = MemberLimits.INTEREST) String> tags) {
    }

    @Operation(summary = "Join the community as the token's subject")
    @PostMapping("/members")
    ResponseEntity<Map<String, String>> join(@AuthenticationPrincipal Jwt token, @Valid @RequestBody JoinRequest request) {
        String me = token.getSubject();
        String invitedBy = request.invitedBy() == null || request.invitedBy().isBlank() ? null : request.invitedBy().strip();
        commands.sendAndWait(new JoinMemberCommand(me, request.displayName().strip(), request.headline(),
                request.interests(), invitedBy, clock.instant()));
        return ResponseEntity.created(URI.create("/members/" + me)).body(Map.of("memberId", me));
    }

    @Operation(summary = "Update my profile (display name, headline, interests)")
    @PutMapping("/members/me/profile")
    Map<String, String> updateProfile(@AuthenticationPrincipal Jwt token, @Valid @RequestBody ProfileRequest request) {
        String me = token.getSubject();
        onMyself(() -> commands.sendAndWait(new UpdateProfileCommand(me, request.displayName().strip(),
                request.headline(), request.interests(), clock.instant())));
        return Map.of("memberId", me);
    }

    @Operation(summary = "Leave the community; my history stays")
    @PostMapping("/members/me/leave")
    Map<String, String> leave(@AuthenticationPrincipal Jwt token) {
        String me = token.getSubject();
        onMyself(() -> commands.sendAndWait(new LeaveCommunityCommand(me, clock.instant())));
        return Map.of("memberId", me);
    }

    @Operation(summary = "Post a need: what I am looking for")
    @PostMapping("/members/me/needs")
    ResponseEntity<Map<String, String>> postNeed(@AuthenticationPrincipal Jwt token,
            @RequestAttribute(name = NewRecordIds.SCOPE, required = false) String key,
            @Valid @RequestBody NeedOrOfferRequest request) {
        records.spend(token.getSubject());
        String needId = NewRecordIds.of(token.getSubject(), "need", key);
        onMyself(() -> commands.sendAndWait(new PostNeedCommand(token.getSubject(), needId,
                request.description().strip(), request.tags(), clock.instant())));
        return ResponseEntity.created(URI.create("/members/me/needs/" + needId)).body(Map.of("needId", needId));
    }

    @Operation(summary = "Resolve one of my needs")
    @PostMapping("/members/me/needs/{needId}/resolution")
    Map<String, String> resolveNeed(@AuthenticationPrincipal Jwt token, @PathVariable String needId) {
        onMyself(() -> commands.sendAndWait(new ResolveNeedCommand(token.getSubject(), needId, clock.instant())));
        return Map.of("needId", needId, "status", "RESOLVED");
    }

    @Operation(summary = "Post an offer: what I can give")
    @PostMapping("/members/me/offers")
    ResponseEntity<Map<String, String>> postOffer(@AuthenticationPrincipal Jwt token,
            @RequestAttribute(name = NewRecordIds.SCOPE, required = false) String key,
            @Valid @RequestBody NeedOrOfferRequest request) {
        records.spend(token.getSubject());
        String offerId = NewRecordIds.of(token.getSubject(), "offer", key);
        onMyself(() -> commands.sendAndWait(new PostOfferCommand(token.getSubject(), offerId,
                request.description().strip(), request.tags(), clock.instant())));
        return ResponseEntity.created(URI.create("/members/me/offers/" + offerId)).body(Map.of("offerId", offerId));
    }

    @Operation(summary = "Withdraw one of my offers")
    @DeleteMapping("/members/me/offers/{offerId}")
    Map<String, String> withdrawOffer(@AuthenticationPrincipal Jwt token, @PathVariable String offerId) {
        onMyself(() -> commands.sendAndWait(new WithdrawOfferCommand(token.getSubject(), offerId, clock.instant())));
        return Map.of("offerId", offerId, "status", "WITHDRAWN");
    }

    @Operation(summary = "Ask member {memberId} for their contact card (once per pair)")
    @PostMapping("/members/{memberId}/card-requests")
    ResponseEntity<Map<String, String>> requestCard(@AuthenticationPrincipal Jwt token, @PathVariable String memberId) {
        try {
            commands.sendAndWait(new RequestCardCommand(memberId, token.getSubject(), clock.instant()));
        } catch (AggregateNotFoundException unknown) {
            throw MemberRules.unknownMember(memberId, "member");
        }
        return ResponseEntity.status(201).body(Map.of("memberId", memberId, "requesterId", token.getSubject()));
    }

    /** Acting on one's own aggregate before joining: say so in domain words. */
    private static void onMyself(Runnable command) {
        try {
            command.run();
        } catch (AggregateNotFoundException notJoined) {
            throw MemberRules.notAMember();
        }
    }
}
