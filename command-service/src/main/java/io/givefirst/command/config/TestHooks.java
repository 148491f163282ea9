package io.givefirst.command.config;

import jakarta.annotation.PostConstruct;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.eventhandling.GenericEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;

/**
 * For tests of several instances only — never in a deployment: {@code givefirst.test-hooks.clock-offset} shifts the
 * clock this instance stamps its events with (Axon's event clock), as a host whose clock is off would.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("givefirst.test-hooks.clock-offset")
class TestHooks {
    private static final Logger log = LoggerFactory.getLogger(TestHooks.class);
    private final Duration offset;

    TestHooks(@Value("${givefirst.test-hooks.clock-offset}") Duration offset) {
        this.offset = offset;
    }

    @PostConstruct
    void offsetEventClock() {
        GenericEventMessage.clock = Clock.offset(Clock.systemUTC(), offset);
        log.warn("TEST HOOK: this instance stamps its events {} off the real clock", offset);
    }
}
