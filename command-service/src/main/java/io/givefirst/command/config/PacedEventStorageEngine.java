package io.givefirst.command.config;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * The event store, with its followers' reads paced: a thread that follows the store (the relay, the processes)
 * opens a new read of the store's tail at most once per {@code interval}. Axon opens one after every commit it
 * is told of; under load that is one range query per command, each a collection scan on a MongoDB-wire server
 * without secondary indexes, holding the store's lock against the commands' inserts. Paced, the commits of an
 * interval are read together. Everything else goes straight to the store.
 */
final class PacedEventStorageEngine implements EventStorageEngine {
    private final EventStorageEngine store;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final ThreadLocal<Long> lastRead = new ThreadLocal<>();

    /** How a thread waits: {@code Thread::sleep} in nanoseconds. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    PacedEventStorageEngine(EventStorageEngine store, Duration interval) {
        this(store, interval, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    PacedEventStorageEngine(EventStorageEngine store, Duration interval, LongSupplier nanoTime, Sleeper sleeper) {
        this.store = store;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        pace();
        return store.readEvents(trackingToken, mayBlock);
    }

    /** Waits until {@code interval} has passed since this thread's previous read began. */
    private void pace() {
        Long previous = lastRead.get();
        if (previous != null) {
            long wait = previous + intervalNanos - nanoTime.getAsLong();
            if (wait > 0) {
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // a processor shutting down: read at once and let it stop
                }
            }
        }
        lastRead.set(nanoTime.getAsLong());
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        store.appendEvents(events);
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        store.storeSnapshot(snapshot);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return store.readEvents(aggregateIdentifier);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return store.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return store.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return store.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }
}
