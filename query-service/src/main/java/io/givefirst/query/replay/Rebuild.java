package io.givefirst.query.replay;

import io.givefirst.query.stream.EventStream;
import io.givefirst.query.stream.Projection;
import io.givefirst.query.stream.RecordFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.MessageListenerContainer;

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
    private static final Duration EVERYWHERE_CHECK = Duration.ofMillis(500);

    final String projection;
    final int generation;
    final Mode mode;
    private final Projection target;
    private final EventStream stream;
    private final Instant until;
    private final RebuildLease lease;
    private final Duration renewEvery;
    final Instant startedAt = Instant.now();
    final AtomicLong applied = new AtomicLong();
    final Map<Integer, long[]> progress = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private MessageListenerContainer container;
    private volatile boolean cancelled;
    private long renewedAt = System.nanoTime();
    private long checkedAt;
    /** After the swap: the ends of the partitions when every instance served this generation. */
    private Map<TopicPartition, Long> drainTo;
    volatile State state = State.REBUILDING;
    volatile String error;
    volatile Instant finishedAt;

    /**
     * @param until when given ({@link Mode#SNAPSHOT}), only events recorded up to then are applied
     */
    Rebuild(String projection, int generation, Mode mode, Projection target, EventStream stream, Instant until,
            RebuildLease lease, Duration renewEvery) {
        this.projection = projection;
        this.generation = generation;
        this.mode = mode;
        this.target = target;
        this.stream = stream;
        this.until = until;
        this.lease = lease;
        this.renewEvery = renewEvery;
        if (mode == Mode.DRAIN) {
            state = State.LIVE;
        }
    }

    /** Starts reading in this container, which delivers polls to {@link #onMessage} and idle moments to {@link #idle}. */
    void runIn(MessageListenerContainer container) {
        this.container = container;
        container.start();
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

    /** After every poll and idle moment, on the container's thread: where it stands, and what follows. */
    private void step(Consumer<?, ?> consumer) {
        if (finishing()) {
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
            fail(e);
        }
    }

    /** Before the swap: goes on while held; at the ends of the partitions, goes live (or is kept as a snapshot). */
    private void build(Consumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        if (cancelled || !renewIfDue()) {
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
            end();
        }
    }

    /**
     * After the swap: applies the stream until every instance writes to this generation, then until the ends of
     * the partitions as they were at that moment. Stops when another instance took the lease over (it drains).
     */
    private void drain(Consumer<?, ?> consumer) {
        if (!renewIfDue()) {
            log.warn("{} generation {}: another instance took over the lease; it finishes the switch", projection, generation);
            end();
            return;
        }
        if (drainTo == null && System.nanoTime() - checkedAt > EVERYWHERE_CHECK.toNanos()) {
            checkedAt = System.nanoTime();
            if (lease.servedEverywhere()) {
                drainTo = consumer.endOffsets(consumer.assignment());
            }
        }
        if (drainTo != null && reached(consumer, drainTo)) {
            lease.completed();
            end();
        }
    }

    private static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private boolean renewIfDue() {
        if (System.nanoTime() - renewedAt < renewEvery.toNanos()) {
            return true;
        }
        renewedAt = System.nanoTime();
        return lease.renew();
    }

    private void giveUp() {
        state = State.CANCELLED;
        log.info("rebuild of {} into generation {} stopped: cancelled or taken over", projection, generation);
        try {
            lease.lost();
        } finally {
            end();
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
        } finally {
            end();
        }
    }

    /** Stops the container (from its own thread: without waiting for it); {@link #ended} completes once it has. */
    private void end() {
        if (container == null) {
            stopped();
        } else {
            container.stop(this::stopped);
        }
    }

    private boolean finishing() {
        return container != null && !container.isRunning() || ended.isDone();
    }

    private void stopped() {
        finishedAt = Instant.now();
        ended.complete(null);
    }

    /** Stops it at its next poll or idle moment; it then removes what it built. */
    void cancel() {
        cancelled = true;
    }

    /** Completes when its container has stopped. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    boolean running() {
        return !ended.isDone();
    }

    /** This instance stops: its container stops, the lease lapses and another instance takes the rebuild over. */
    void halt() {
        if (container != null) {
            container.stop();
        }
        stopped();
    }
}
