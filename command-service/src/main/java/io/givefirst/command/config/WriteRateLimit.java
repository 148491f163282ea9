package io.givefirst.command.config;

import io.givefirst.shared.limits.RateLimit;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every write counts against its member's {@code givefirst.rate-limits.writes-per-minute} (ADR 17). */
@Configuration(proxyBeanMethods = false)
class WriteRateLimit {

    @Bean
    RateLimit writes(@Value("${givefirst.rate-limits.writes-per-minute}") long perMinute) {
        return new RateLimit("writes", Set.of("POST", "PUT", "PATCH", "DELETE"), List.of("/**"), perMinute);
    }
}
