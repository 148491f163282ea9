package io.givefirst.command.relay;

import io.givefirst.command.rules.CommandRules;
import io.givefirst.shared.web.RuleViolation;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the whole event store into a topic: another one (e.g. to move consumers to a topic with more
 * partitions), or the live one again (a re-publish; consumers are idempotent). It reads the store in the order of
 * its unique (aggregate, sequence) index, a page at a time, so every event stored when the copy reaches its place
 * is copied and each aggregate's events arrive in order. The live relay is not touched, and any instance can run
 * a copy.
 */
@Component
class StoreCopy {
    private static final Logger log = LoggerFactory.getLogger(StoreCopy.class);
    private static final int PAGE = 500;
    private static final int SEND_ATTEMPTS = 5;

    /** A copy's progress. */
    record Status(String topic, String state, long published, Instant startedAt, Instant finishedAt, String error) {
    }

    private final StoreEvents store;
    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaAdmin admin;
    private final EventRecords records;
    private final RelayProperties properties;
    private volatile Status status;

    StoreCopy(StoreEvents store, KafkaTemplate<String, byte[]> kafka, KafkaAdmin admin, EventRecords records,
              RelayProperties properties) {
        this.store = store;
        this.kafka = kafka;
        this.admin = admin;
        this.records = records;
        this.properties = properties;
    }

    /** Starts a copy into {@code topic}: the live one, or a new one it creates (refused when it exists already). */
    synchronized Status start(String topic, boolean newTopic) {
        if (status != null && "RUNNING".equals(status.state())) {
            throw new RuleViolation(CommandRules.COPY_IN_PROGRESS,
                    "a copy into " + status.topic() + " is still running");
        }
        if (newTopic) {
            create(topic);
        }
        status = new Status(topic, "RUNNING", 0, Instant.now(), null, null);
        Thread copy = new Thread(() -> copyInto(topic), "store-copy-" + topic);
        copy.setDaemon(true);
        copy.start();
        return status;
    }

    Status status() {
        return status;
    }

    /** Creates the copy's topic; another topic of that name — however it came to be — is never written into. */
    private void create(String topic) {
        NewTopic newTopic = TopicBuilder.name(topic).partitions(properties.partitions()).replicas(properties.replicas())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1").config(TopicConfig.RETENTION_BYTES_CONFIG, "-1").build();
        try (AdminClient client = AdminClient.create(admin.getConfigurationProperties())) {
            client.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                throw new RuleViolation(CommandRules.COPY_TOPIC_EXISTS,
                        "the topic " + topic + " exists already: a copy goes into a new topic");
            }
            throw new IllegalStateException("cannot create the topic " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the topic " + topic, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not create the topic " + topic + " within 30 s", e);
        }
    }

    /** Sends a page until Kafka has acknowledged all of it (a new topic's metadata may take a moment to spread). */
    private void send(String topic, List<DomainEventMessage<?>> messages) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                CompletableFuture.allOf(messages.stream().map(m -> kafka.send(records.toRecord(topic, m)))
                        .toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                if (attempt == SEND_ATTEMPTS) {
                    throw e;
                }
                log.warn("copying into {}: a page was not acknowledged ({}); sending it again", topic, e.toString());
                Thread.sleep(1000L * attempt);
            }
        }
    }

    private void copyInto(String topic) {
        long published = 0;
        try {
            kafka.partitionsFor(topic); // the producer learns the new topic's partitions before the first page

            String aggregate = null;
            long sequence = -1;
            List<Document> page;
            while (!(page = store.after(aggregate, sequence, PAGE)).isEmpty()) {
                List<DomainEventMessage<?>> messages = store.messages(page);
                send(topic, messages);
                published += messages.size();
                Document last = page.get(page.size() - 1);
                aggregate = last.getString(StoreEvents.AGGREGATE);
                sequence = ((Number) last.get(StoreEvents.SEQUENCE)).longValue();
                status = new Status(topic, "RUNNING", published, status.startedAt(), null, null);
            }
            status = new Status(topic, "DONE", published, status.startedAt(), Instant.now(), null);
        } catch (Exception e) {
            log.error("copying the store into {} failed", topic, e);
            status = new Status(topic, "FAILED", published, status.startedAt(), Instant.now(), e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
