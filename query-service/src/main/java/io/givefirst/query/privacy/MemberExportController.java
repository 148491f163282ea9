package io.givefirst.query.privacy;

import io.givefirst.query.consistency.ReadsFrom;
import io.givefirst.query.profile.ProfileProjection;
import io.givefirst.query.history.ContributionHistoryProjection;
import io.givefirst.query.stats.MemberStatsProjection;
import io.givefirst.query.connections.ConnectionsProjection;
import io.givefirst.query.feed.FeedProjection;
import io.givefirst.query.leaderboard.LeaderboardProjection;
import io.givefirst.query.notifications.NotificationsProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A member's copy of everything the read models hold about them (GDPR Art. 15 access, Art. 20 portability). */
@RestController
@ReadsFrom({ProfileProjection.NAME, ContributionHistoryProjection.NAME, MemberStatsProjection.NAME,
        ConnectionsProjection.NAME, FeedProjection.NAME, LeaderboardProjection.NAME, NotificationsProjection.NAME})
@Tag(name = "Profiles", description = "A member's profile with open needs and offers; suggestions of whom to help")
class MemberExportController {
    private final List<MemberData> sections;
    private final Clock clock;

    /** The sections in this order; any other after them. */
    private static final List<String> ORDER = List.of("profile", "contributions", "stats", "connections");

    MemberExportController(List<MemberData> sections) {
        this.sections = sections.stream().sorted(java.util.Comparator.comparingInt(section ->
                ORDER.contains(section.section()) ? ORDER.indexOf(section.section()) : ORDER.size())).toList();
        this.clock = Clock.systemUTC();
    }

    @Operation(summary = "Everything the platform holds about me, as JSON: profile, needs and offers, my whole "
            + "contribution history with my private notes, stats and connections")
    @GetMapping("/members/me/export")
    Map<String, Object> export(@AuthenticationPrincipal Jwt token) {
        String me = token.getSubject();
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("memberId", me);
        export.put("exportedAt", clock.instant());
        for (MemberData section : sections) {
            export.put(section.section(), section.of(me));
        }
        return export;
    }
}
