package io.givefirst.command.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The relay's lag as a metric ({@code givefirst_relay_lag_seconds}): how long ago the oldest event still to be
 * relayed was stored; 0 when everything is on Kafka. Read from the store, so every instance reports the same,
 * whichever relays. One indexed read, at most once a second however often it is scraped.
 */
@Component
class RelayLag {
    private static final long RECOMPUTE_AFTER_NANOS = 1_000_000_000L;
    private final StoreEvents store;
    private final Clock clock;
    private volatile double lastValue;
    private volatile long computedAt = System.nanoTime() - RECOMPUTE_AFTER_NANOS;

    RelayLag(StoreEvents store, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.clock = clock;
        Gauge.builder("givefirst.relay.lag.seconds", this, RelayLag::seconds)
                .description("age of the oldest stored event not yet acknowledged by Kafka (0: none)")
                .register(meters);
    }

    synchronized double seconds() {
        if (System.nanoTime() - computedAt >= RECOMPUTE_AFTER_NANOS) {
            lastValue = store.oldestUnrelayed()
                    .map(oldest -> Math.max(0.001, Duration.between(oldest, clock.instant()).toMillis() / 1000.0))
                    .orElse(0.0);
            computedAt = System.nanoTime();
        }
        return lastValue;
    }
}
