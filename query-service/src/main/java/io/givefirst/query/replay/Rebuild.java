package io.givefirst.query.replay;

import io.givefirst.query.stream.DeadLetters;
import io.givefirst.query.stream.EventStream;
import io.givefirst.query.stream.Projection;
import io.givefirst.query.stream.RecordFailure;
import io.givefirst.query.stream.Transience;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * One projection rebuilt from the start of the stream into a generation, on a thread of its own, with a consumer
 * of its own (no consumer group: it assigns every partition). The live generation keeps serving and its consumers
 * keep running. Once this one has reached the end of every partition it becomes live ({@link Lease#finish}), and it
 * goes on applying the stream to it until every instance writes there too and it has applied everything that was
 * on the stream by then: what an instance wrote to the old generation just before it switched is in the new one.
 * It holds its projection's rebuild lease throughout and stops as soon as it loses it.
 */
final class Rebuild implements Runnable {
    enum State { REBUILDING, LIVE, CANCELLED, FAILED }

    /** What it builds: a new live generation, a snapshot up to a point in time, or the drain of a swap a restart interrupted. */
    enum Mode { BUILD, SNAPSHOT, DRAIN }

    /** The rebuild's hold on its projection, across every instance ({@link RebuildControl}). */
    interface Lease {
        /** Renews it; false when it was cancelled or taken over. */
        boolean renew();

        /** Makes the generation live (or keeps it as a snapshot); false when the lease was lost first. */
        boolean finish();

        /** Whether every instance now writes the live stream to this generation. */
        boolean servedEverywhere();

        /** The old generation can go: drop it and free the lease. */
        void completed();

        /** Lost before it finished: remove what it built. */
        void lost();

        void failed(String error);
    }

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);
    private static final Duration EVERYWHERE_CHECK = Duration.ofMillis(500);
    private static final int ATTEMPTS = 3;

    final String projection;
    final int generation;
    final Mode mode;
    private final Projection target;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final EventStream stream;
    private final DeadLetters deadLetters;
    private final Instant until;
    private final Lease lease;
    private final Duration renewEvery;
    final Instant startedAt = Instant.now();
    final AtomicLong applied = new AtomicLong();
    final Map<Integer, long[]> progress = new ConcurrentHashMap<>();
    private volatile boolean cancelled;
    private long renewedAt = System.nanoTime();
    /** Deliveries of records that failed for a reason of their own, by offset: parked after {@link #ATTEMPTS}. */
    private final Map<String, Integer> failures = new HashMap<>();
    private long transientPauseMillis;
    volatile State state = State.REBUILDING;
    volatile String error;
    volatile Instant finishedAt;

    /**
     * @param until when given ({@link Mode#SNAPSHOT}), only events recorded up to then are applied
     */
    Rebuild(String projection, int generation, Mode mode, Projection target, KafkaConsumer<String, byte[]> consumer,
            String topic, EventStream stream, DeadLetters deadLetters, Instant until, Lease lease, Duration renewEvery) {
        this.projection = projection;
        this.generation = generation;
        this.mode = mode;
        this.target = target;
        this.consumer = consumer;
        this.topic = topic;
        this.stream = stream;
        this.deadLetters = deadLetters;
        this.until = until;
        this.lease = lease;
        this.renewEvery = renewEvery;
        if (mode == Mode.DRAIN) {
            state = State.LIVE;
        }
    }

    @Override
    public void run() {
        try (consumer) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            if (mode != Mode.DRAIN) {
                while (!caughtUp(partitions)) {
                    if (!held()) {
                        return;
                    }
                    applyNextBatch(partitions);
                }
                if (cancelled || !lease.finish()) {
                    giveUp();
                    return;
                }
                state = State.LIVE;
                if (mode == Mode.SNAPSHOT) {
                    return;
                }
            }
            if (drainUntilServedEverywhere(partitions)) {
                lease.completed();
            }
        } catch (RuntimeException e) {
            log.error("rebuild of {} generation {} failed", projection, generation, e);
            error = e.getMessage();
            if (state == State.REBUILDING) {
                state = State.FAILED;
                lease.failed(String.valueOf(e.getMessage()));
            }
        } finally {
            finishedAt = Instant.now();
        }
    }

    /**
     * After the swap: applies the stream until every instance writes to this generation, then until the ends of
     * the partitions as they were at that moment. False when another instance took the lease over (it drains).
     */
    private boolean drainUntilServedEverywhere(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = null;
        long checkedAt = 0;
        while (ends == null || !reached(ends)) {
            if (!renewIfDue()) {
                log.warn("{} generation {}: another instance took over the lease; it finishes the switch", projection, generation);
                return false;
            }
            applyNextBatch(partitions);
            if (ends == null && System.nanoTime() - checkedAt > EVERYWHERE_CHECK.toNanos()) {
                checkedAt = System.nanoTime();
                if (lease.servedEverywhere()) {
                    ends = consumer.endOffsets(partitions);
                }
            }
        }
        return true;
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    /** Whether it may go on building: not cancelled, and the lease renewed when due. */
    private boolean held() {
        if (cancelled || !renewIfDue()) {
            giveUp();
            return false;
        }
        return true;
    }

    private void giveUp() {
        state = State.CANCELLED;
        log.info("rebuild of {} into generation {} stopped: cancelled or taken over", projection, generation);
        lease.lost();
    }

    private boolean renewIfDue() {
        if (System.nanoTime() - renewedAt < renewEvery.toNanos()) {
            return true;
        }
        renewedAt = System.nanoTime();
        return lease.renew();
    }

    private void applyNextBatch(List<TopicPartition> partitions) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
        if (!records.isEmpty()) {
            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
            records.forEach(batch::add);
            applied.addAndGet(apply(batch));
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            progress.put(partition.partition(), new long[] {consumer.position(partition), ends.get(partition)});
        }
    }

    /**
     * Applies a poll as the live consumers do ({@link EventStream#apply}): a record that fails for a reason of its
     * own is tried {@link #ATTEMPTS} times, then parked as a dead letter of this generation, and the rest goes on;
     * on a transient failure (MongoDB away) the consumer is moved back to the failed record and the next poll,
     * after a pause, tries again — the rebuild waits, it does not fail. Returns how many records it got past.
     */
    private int apply(List<ConsumerRecord<String, byte[]>> batch) {
        int from = 0;
        while (from < batch.size()) {
            try {
                stream.apply(target, batch.subList(from, batch.size()),
                        event -> until == null || !event.recordedAt().isAfter(until));
                transientPauseMillis = 0;
                return batch.size();
            } catch (RecordFailure failure) {
                int failed = from + failure.index();
                ConsumerRecord<String, byte[]> record = batch.get(failed);
                if (failure.isTransient()) {
                    return waitAfterTransient(batch, failed, failure);
                }
                String key = record.partition() + "@" + record.offset();
                if (failures.merge(key, 1, Integer::sum) < ATTEMPTS) {
                    pause(200);
                    from = failed;
                } else {
                    try {
                        deadLetters.park(projection, generation, record, failure);
                    } catch (RuntimeException notParked) {
                        if (!Transience.isTransient(notParked)) {
                            throw notParked;
                        }
                        rewind(batch, failed);
                        pause(1_000);
                        return failed;
                    }
                    failures.remove(key);
                    from = failed + 1;
                }
            }
        }
        return batch.size();
    }

    /** MongoDB away: back to the failed record, a longer pause each time (up to 5 s); returns the records got past. */
    private int waitAfterTransient(List<ConsumerRecord<String, byte[]>> batch, int failed, RecordFailure failure) {
        rewind(batch, failed);
        transientPauseMillis = Math.min(5_000, Math.max(200, transientPauseMillis * 2));
        log.warn("{} generation {}: {}; trying again in {} ms", projection, generation, failure.getCause(),
                transientPauseMillis);
        pause(transientPauseMillis);
        return failed;
    }

    /** Moves the consumer back to the first record at or after {@code index} of each partition in the batch. */
    private void rewind(List<ConsumerRecord<String, byte[]>> batch, int index) {
        Map<TopicPartition, Long> to = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch.subList(index, batch.size())) {
            to.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        to.forEach(consumer::seek);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private boolean caughtUp(List<TopicPartition> partitions) {
        if (progress.size() < partitions.size()) {
            applyNextBatch(partitions);
        }
        return progress.values().stream().allMatch(p -> p[0] >= p[1]);
    }

    /** Stops it at its next batch; it then removes what it built. */
    void cancel() {
        cancelled = true;
    }

    boolean running() {
        return finishedAt == null;
    }
}
