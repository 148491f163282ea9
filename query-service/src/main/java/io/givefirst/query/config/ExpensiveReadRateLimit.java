package io.givefirst.query.config;

import io.givefirst.shared.limits.RateLimit;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reads that cost most — the leaderboard, the introduction-path search, suggestions, the export — count against
 * their member's {@code givefirst.rate-limits.expensive-reads-per-minute} (ADR 17).
 */
@Configuration(proxyBeanMethods = false)
class ExpensiveReadRateLimit {

    @Bean
    RateLimit expensiveReads(@Value("${givefirst.rate-limits.expensive-reads-per-minute}") long perMinute) {
        return new RateLimit("expensive reads", Set.of("GET"), List.of("/leaderboard",
                "/members/*/introduction-path/*", "/members/*/suggestions", "/members/me/export"), perMinute);
    }
}
