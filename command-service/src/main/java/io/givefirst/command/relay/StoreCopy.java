package io.givefirst.command.relay;

import io.givefirst.command.rules.RuleViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the whole event store, as it is when the copy starts, into another topic (e.g. to move consumers
 * to a topic with more partitions). The live relay is not touched and keeps publishing to its topic.
 */
@Component
class StoreCopy {
    private static final Logger log = LoggerFactory.getLogger(StoreCopy.class);
    private static final int ACK_EVERY = 500;

    /** A copy's progress. */
    record Status(String topic, String state, long published, Instant startedAt, Instant finishedAt, String error) {
    }

    private final EventStore store;
    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaAdmin admin;
    private final EventRecords records;
    private final RelayProperties properties;
    private volatile Status status;

    StoreCopy(EventStore store, KafkaTemplate<String, byte[]> kafka, KafkaAdmin admin, EventRecords records,
              RelayProperties properties) {
        this.store = store;
        this.kafka = kafka;
        this.admin = admin;
        this.records = records;
        this.properties = properties;
    }

    synchronized Status start(String topic) {
        if (status != null && "RUNNING".equals(status.state())) {
            throw new RuleViolation(RuleViolation.Kind.CONFLICT, "copy-in-progress", "Copy in progress",
                    "a copy into " + status.topic() + " is still running");
        }
        NewTopic newTopic = TopicBuilder.name(topic).partitions(properties.partitions()).replicas(properties.replicas())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1").config(TopicConfig.RETENTION_BYTES_CONFIG, "-1").build();
        admin.createOrModifyTopics(newTopic);
        status = new Status(topic, "RUNNING", 0, Instant.now(), null, null);
        Thread copy = new Thread(() -> copyInto(topic, store.createHeadToken()), "store-copy-" + topic);
        copy.setDaemon(true);
        copy.start();
        return status;
    }

    Status status() {
        return status;
    }

    private void copyInto(String topic, TrackingToken head) {
        AtomicLong published = new AtomicLong();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> events = store.openStream(null)) {
            while (head != null && events.hasNextAvailable(2, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = events.nextAvailable();
                pending.add(kafka.send(records.toRecord(topic, (DomainEventMessage<?>) event)));
                if (pending.size() >= ACK_EVERY) {
                    published.addAndGet(await(pending));
                    status = new Status(topic, "RUNNING", published.get(), status.startedAt(), null, null);
                }
                if (event.trackingToken().covers(head)) {
                    break;
                }
            }
            published.addAndGet(await(pending));
            status = new Status(topic, "DONE", published.get(), status.startedAt(), Instant.now(), null);
        } catch (Exception e) {
            log.error("copying the store into {} failed", topic, e);
            status = new Status(topic, "FAILED", published.get(), status.startedAt(), Instant.now(), e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int await(List<CompletableFuture<?>> pending) throws Exception {
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        int acknowledged = pending.size();
        pending.clear();
        return acknowledged;
    }
}
