package io.givefirst.command.relay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The relay's lag as a metric ({@code givefirst_relay_lag_seconds}): how far the newest stored event is ahead
 * of the last event the relay had acknowledged by Kafka. 0 when the relay is caught up. Finding the newest
 * stored event is a sorted query on the store (a collection scan on a MongoDB-wire server without secondary
 * indexes), so the value is computed at most once a second however often it is scraped.
 */
@Component
class RelayLag {
    private final EventProcessingConfiguration processing;
    private static final long RECOMPUTE_AFTER_NANOS = 1_000_000_000L;
    private final MongoCollection<Document> events;
    private volatile double lastValue;
    private volatile long computedAt = System.nanoTime() - RECOMPUTE_AFTER_NANOS;

    RelayLag(EventProcessingConfiguration processing, MongoDatabase commandDatabase, MeterRegistry meters) {
        this.processing = processing;
        this.events = commandDatabase.getCollection("domainevents");
        Gauge.builder("givefirst.relay.lag.seconds", this, RelayLag::seconds)
                .description("time between the newest stored event and the last one published to Kafka")
                .register(meters);
    }

    synchronized double seconds() {
        if (System.nanoTime() - computedAt >= RECOMPUTE_AFTER_NANOS) {
            lastValue = compute();
            computedAt = System.nanoTime();
        }
        return lastValue;
    }

    private double compute() {
        Optional<Instant> newest = newestStored();
        if (newest.isEmpty()) {
            return 0;
        }
        Instant relayed = relayedUpTo().orElse(Instant.EPOCH);
        return Math.max(0, Duration.between(relayed, newest.get()).toMillis() / 1000.0);
    }

    private Optional<Instant> newestStored() {
        Document newest = events.find().projection(Projections.include("timestamp"))
                .sort(Sorts.descending("timestamp")).limit(1).first();
        return Optional.ofNullable(newest).map(d -> Instant.parse(d.getString("timestamp")));
    }

    private Optional<Instant> relayedUpTo() {
        return processing.eventProcessor(EventRelay.PROCESSING_GROUP, StreamingEventProcessor.class)
                .flatMap(processor -> processor.processingStatus().values().stream()
                        .map(EventTrackerStatus::getTrackingToken)
                        .filter(MongoTrackingToken.class::isInstance)
                        .map(token -> ((MongoTrackingToken) token).getTimestamp())
                        .min(Instant::compareTo));
    }
}
