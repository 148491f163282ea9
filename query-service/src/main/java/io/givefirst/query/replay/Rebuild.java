package io.givefirst.query.replay;

import io.givefirst.query.stream.EventStream;
import io.givefirst.query.stream.Projection;
import io.givefirst.query.stream.RecordFailure;
import io.givefirst.query.stream.Transience;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;

/**
 * One projection rebuilt from the start of the stream into a generation, by a listener container of its own
 * ({@link RebuildContainers}: every partition assigned from the beginning, no consumer group). The live generation
 * keeps serving and its consumers keep running. Once this one has reached the end of every partition it becomes
 * live ({@link RebuildLease#finish}), and it goes on applying the stream to it until every instance writes there too and
 * it has applied everything that was on the stream by then: what an instance wrote to the old generation just
 * before it switched is in the new one. It holds its projection's rebuild lease throughout and stops as soon as it
 * loses it. A record that fails is retried, then parked as a dead letter of this generation; MongoDB away, it waits.
 */
final class Rebuild implements BatchConsumerAwareMessageListener<String, byte[]> {
    enum State { REBUILDING, LIVE, CANCELLED, FAILED }

    /** What it builds: a new live generation, a snapshot up to a point in time, or the drain of a swap a restart interrupted. */
    enum Mode { BUILD, SNAPSHOT, DRAIN }

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);

    final String projection;
    final int generation;
    final Mode mode;
    private final Projection target;
    private final EventStream stream;
    private final Instant until;
    private final RebuildLease lease;
    final Instant startedAt = Instant.now();
    final AtomicLong applied = new AtomicLong();
    final Map<Integer, long[]> progress = new ConcurrentHashMap<>();
    /** The container it reads in ({@link RebuildContainers}), which delivers polls and idle moments here. */
    final ContainerRun run = new ContainerRun();
    private volatile boolean cancelled;
    /** After the swap: the ends of the partitions when every instance served this generation. */
    private Map<TopicPartition, Long> drainTo;
    volatile State state = State.REBUILDING;
    volatile String error;

    /**
     * @param until when given ({@link Mode#SNAPSHOT}), only events recorded up to then are applied
     */
    Rebuild(String projection, int generation, Mode mode, Projection target, EventStream stream, Instant until,
            RebuildLease lease) {
        this.projection = projection;
        this.generation = generation;
        this.mode = mode;
        this.target = target;
        this.stream = stream;
        this.until = until;
        this.lease = lease;
        if (mode == Mode.DRAIN) {
            state = State.LIVE;
        }
    }


    /**
     * A poll, applied as the live consumers do ({@link EventStream#apply}); a record that fails is named to the
     * container's error handler, which retries or parks it.
     */
    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        try {
            stream.apply(target, records, event -> until == null || !event.recordedAt().isAfter(until));
        } catch (RuntimeException failure) {
            if (failure instanceof RecordFailure named) {
                applied.addAndGet(named.index());
            }
            throw EventStream.reported(projection, failure);
        }
        applied.addAndGet(records.size());
        step(consumer);
    }

    /** No records for a while (caught up, or an empty topic): time to renew, check and perhaps finish. */
    void idle(ListenerContainerIdleEvent event) {
        step(event.getConsumer());
    }

    /**
     * A record failed again and the error handler will retry it (for as long as MongoDB is away): a cancel or a
     * lost lease must still stop the rebuild meanwhile.
     */
    void failedDelivery() {
        if (run.stopping()) {
            return;
        }
        try {
            if (state == State.REBUILDING && cancelled || !lease.renewIfDue()) {
                giveUp();
            }
        } catch (RuntimeException e) {
            failedUnlessTransient(e);
        }
    }

    /** Its consumer stopped: as asked, or on an error it cannot go on from (the rebuild then failed). */
    void consumerStopped(ConsumerStoppedEvent event) {
        if (event.getReason() != ConsumerStoppedEvent.Reason.NORMAL) {
            fail(new IllegalStateException("the rebuild's Kafka consumer stopped: " + event.getReason()));
            run.stopped(); // its thread has ended: there is nothing left to wait for
        }
    }

    /** After every poll and idle moment, on the container's thread: where it stands, and what follows. */
    private void step(Consumer<?, ?> consumer) {
        if (run.stopping()) {
            return;
        }
        try {
            Set<TopicPartition> partitions = consumer.assignment();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            partitions.forEach(p -> progress.put(p.partition(), new long[] {consumer.position(p), ends.get(p)}));
            if (state == State.REBUILDING) {
                build(consumer, ends);
            } else {
                drain(consumer);
            }
        } catch (RuntimeException e) {
            failedUnlessTransient(e);
        }
    }

    /**
     * MongoDB or Kafka away while renewing, checking or swapping: tried again at the next poll or idle moment (if
     * the lease lapses meanwhile, the instance that takes it over builds again); anything else fails the build.
     */
    private void failedUnlessTransient(RuntimeException e) {
        if (Transience.isTransient(e)) {
            log.warn("{} generation {}: {}; trying again", projection, generation, e.toString());
        } else {
            fail(e);
        }
    }

    /** Before the swap: goes on while held; at the ends of the partitions, goes live (or is kept as a snapshot). */
    private void build(Consumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        if (cancelled || !lease.renewIfDue()) {
            giveUp();
            return;
        }
        if (!reached(consumer, ends)) {
            return;
        }
        if (!lease.finish()) {
            giveUp();
            return;
        }
        state = State.LIVE;
        if (mode == Mode.SNAPSHOT) {
            run.end();
        }
    }

    /**
     * After the swap: applies the stream until every instance writes to this generation, then until the ends of
     * the partitions as they were at that moment. Stops when another instance took the lease over (it drains).
     */
    private void drain(Consumer<?, ?> consumer) {
        if (!lease.renewIfDue()) {
            giveUp();
            return;
        }
        if (drainTo == null && lease.servedEverywhere()) {
            drainTo = consumer.endOffsets(consumer.assignment());
        }
        if (drainTo != null && reached(consumer, drainTo)) {
            lease.completed();
            run.end();
        }
    }

    private static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    /** Cancelled or taken over: before the swap, what it built goes; after it, the new owner finishes the switch. */
    private void giveUp() {
        if (state == State.LIVE) {
            log.warn("{} generation {}: another instance took over the lease; it finishes the switch", projection, generation);
            run.end();
            return;
        }
        state = State.CANCELLED;
        log.info("rebuild of {} into generation {} stopped: cancelled or taken over", projection, generation);
        try {
            lease.lost();
        } finally {
            run.end();
        }
    }

    /** Something other than a record failed (the lease's store, the broker's metadata): the build is recorded as failed. */
    void fail(RuntimeException e) {
        log.error("rebuild of {} generation {} failed", projection, generation, e);
        error = e.getMessage();
        try {
            if (state == State.REBUILDING) {
                state = State.FAILED;
                lease.failed(String.valueOf(e.getMessage()));
            }
        } catch (RuntimeException notRecorded) {
            log.warn("{} generation {}: the failure could not be recorded ({}); the lease lapses and the build is "
                    + "taken over", projection, generation, notRecorded.toString());
        } finally {
            run.end();
        }
    }

    /** Stops it at its next poll or idle moment; it then removes what it built. */
    void cancel() {
        cancelled = true;
    }

    boolean running() {
        return !run.ended();
    }

    Instant finishedAt() {
        return run.endedAt();
    }
}
