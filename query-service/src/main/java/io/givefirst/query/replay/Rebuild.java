package io.givefirst.query.replay;

import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.query.stream.EventDecoder;
import io.givefirst.query.stream.Projection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One projection rebuilt from the start of the stream into a new generation, on a thread of its own, with a
 * consumer of its own (no consumer group: it assigns every partition). The live generation keeps serving and
 * its consumer keeps running; once this one has reached the end of every partition it becomes live.
 */
final class Rebuild implements Runnable {
    enum State { REBUILDING, LIVE, CANCELLED, FAILED }

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);
    /** After the swap, batches the live consumer was applying to the old generation are applied here too. */
    private static final Duration DRAIN = Duration.ofSeconds(3);

    final String projection;
    final int generation;
    private final Projection target;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final EventDecoder decoder;
    private final Runnable swap;
    private final Instant until;
    final Instant startedAt = Instant.now();
    final AtomicLong applied = new AtomicLong();
    final Map<Integer, long[]> progress = new ConcurrentHashMap<>();
    private volatile boolean cancelled;
    volatile State state = State.REBUILDING;
    volatile String error;
    volatile Instant finishedAt;

    /**
     * @param until when given, only events recorded up to then are applied, and {@code swap} keeps the result
     *              as a snapshot instead of making it live
     */
    Rebuild(String projection, int generation, Projection target, KafkaConsumer<String, byte[]> consumer, String topic,
            EventDecoder decoder, Instant until, Runnable swap) {
        this.projection = projection;
        this.generation = generation;
        this.target = target;
        this.consumer = consumer;
        this.topic = topic;
        this.decoder = decoder;
        this.swap = swap;
        this.until = until;
    }

    @Override
    public void run() {
        try (consumer) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!cancelled && !caughtUp(partitions)) {
                applyNextBatch(partitions);
            }
            if (cancelled) {
                return;
            }
            swap.run();
            state = State.LIVE;
            if (until != null) {
                return;
            }
            Instant drainUntil = Instant.now().plus(DRAIN);
            while (!cancelled && Instant.now().isBefore(drainUntil)) {
                applyNextBatch(partitions);
            }
        } catch (RuntimeException e) {
            log.error("rebuild of {} generation {} failed", projection, generation, e);
            error = e.getMessage();
            state = State.FAILED;
        } finally {
            finishedAt = Instant.now();
        }
    }

    private void applyNextBatch(List<TopicPartition> partitions) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
        if (!records.isEmpty()) {
            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
            records.forEach(batch::add);
            List<EventEnvelope> events = decoder.decode(batch);
            if (until != null) {
                events = events.stream().filter(e -> !e.recordedAt().isAfter(until)).toList();
            }
            target.apply(events);
            applied.addAndGet(batch.size());
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            progress.put(partition.partition(), new long[] {consumer.position(partition), ends.get(partition)});
        }
    }

    private boolean caughtUp(List<TopicPartition> partitions) {
        if (progress.size() < partitions.size()) {
            applyNextBatch(partitions);
        }
        return progress.values().stream().allMatch(p -> p[0] >= p[1]);
    }

    void cancel() {
        cancelled = true;
        state = State.CANCELLED;
    }

    boolean running() {
        return finishedAt == null;
    }
}
