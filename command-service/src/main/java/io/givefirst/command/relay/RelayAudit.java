package io.givefirst.command.relay;

import io.givefirst.events.wire.CloudEventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Proves the relay complete over a time range: every event stored since then is compared with the records on the
 * topic since then (read from the offsets of that time, minus a margin for the writers' clocks), by aggregate and
 * sequence. An event that was marked relayed but is not on the topic is marked unrelayed again, so the relay
 * publishes it; {@code givefirst_relay_gaps_repaired_total} counts them.
 */
@Component
class RelayAudit {
    /** How far before {@code since} the topic is read: a writer's clock may be behind the time the record was sent. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);
    private static final int LISTED = 100;

    /** What an audit found. */
    record Report(Instant since, int stored, int onTopic, int pending, int missing, List<String> missingEvents) {
    }

    private final StoreEvents store;
    private final ConsumerFactory<String, byte[]> consumers;
    private final RelayProperties properties;
    private final Counter repaired;

    RelayAudit(StoreEvents store, ConsumerFactory<String, byte[]> consumers, RelayProperties properties,
               MeterRegistry meters) {
        this.store = store;
        this.consumers = consumers;
        this.properties = properties;
        this.repaired = Counter.builder("givefirst.relay.gaps.repaired")
                .description("events an audit found stored but not on the topic, and put back to be relayed")
                .register(meters);
    }

    Report audit(Instant since) {
        List<Document> stored = store.storedSince(since);
        Set<String> published = publishedSince(since.minus(CLOCK_MARGIN));
        List<Object> missing = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        int pending = 0;
        for (Document event : stored) {
            String key = key(event.getString(StoreEvents.AGGREGATE), ((Number) event.get(StoreEvents.SEQUENCE)).longValue());
            if (published.contains(key)) {
                continue;
            }
            if (Boolean.FALSE.equals(event.get(RelayStorageStrategy.RELAYED))) {
                pending++; // not relayed yet: the relay is on its way
            } else {
                missing.add(event.get("_id"));
                if (listed.size() < LISTED) {
                    listed.add(key);
                }
            }
        }
        store.markUnrelayed(missing);
        repaired.increment(missing.size());
        return new Report(since, stored.size(), published.size(), pending, missing.size(), listed);
    }

    /** (aggregate, sequence) of every record on the topic sent from {@code from} on, as it is now. */
    private Set<String> publishedSince(Instant from) {
        Set<String> keys = new HashSet<>();
        Properties reader = new Properties();
        reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(null, null, null, reader)) {
            List<TopicPartition> partitions = consumer.partitionsFor(properties.topic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = starts.get(partition);
                consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
            }
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    Header sequence = record.headers().lastHeader(CloudEventHeaders.SEQUENCE);
                    if (sequence != null) {
                        keys.add(key(record.key(), Long.parseLong(new String(sequence.value(), StandardCharsets.UTF_8))));
                    }
                }
            }
        }
        return keys;
    }

    private static String key(String aggregate, long sequence) {
        return aggregate + "#" + sequence;
    }
}
