package io.givefirst.command.member;

import io.givefirst.command.member.MemberCommands.EraseMemberCommand;
import io.givefirst.shared.privacy.MongoDataKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Forgetting a member (GDPR Art. 17, ADR 16): their data keys are deleted first — from that moment nothing personal of
 * theirs opens anywhere, in the store, on the topic or in any copy — and then the erasure is recorded. A failure
 * between the two leaves the member unreadable and the erasure unrecorded; asking again records it.
 */
@RestController
@Tag(name = "Members", description = "Joining, the profile, needs and offers, card requests")
class MemberErasureController {
    private final CommandGateway commands;
    private final MemberDirectory directory;
    private final MongoDataKeys dataKeys;
    private final Clock clock;

    MemberErasureController(CommandGateway commands, MemberDirectory directory, MongoDataKeys dataKeys, Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.dataKeys = dataKeys;
        this.clock = clock;
    }

    @Operation(summary = "Forget me: my name, profile and every text I wrote become unreadable everywhere, for good; "
            + "my acts stay in others' history and counts as a former member's")
    @PostMapping("/members/me/erasure")
    Map<String, Object> eraseMe(@AuthenticationPrincipal Jwt token) {
        String me = token.getSubject();
        if (!directory.exists(me)) {
            throw MemberRules.notAMember();
        }
        return erase(me, me, false);
    }

    @Operation(summary = "Admin: forget a member (recorded with the admin's subject)")
    @PostMapping("/admin/members/{memberId}/erasure")
    Map<String, Object> eraseMember(@AuthenticationPrincipal Jwt admin, @PathVariable String memberId) {
        if (!directory.exists(memberId)) {
            throw MemberRules.unknownMember(memberId, "member");
        }
        return erase(memberId, admin.getSubject(), true);
    }

    private Map<String, Object> erase(String memberId, String erasedBy, boolean byAdmin) {
        Instant now = clock.instant();
        dataKeys.erase(memberId);
        commands.sendAndWait(new EraseMemberCommand(memberId, erasedBy, byAdmin, now));
        return Map.of("memberId", memberId, "erasedAt", now);
    }
}
