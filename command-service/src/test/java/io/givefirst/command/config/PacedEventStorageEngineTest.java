package io.givefirst.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;

class PacedEventStorageEngineTest {
    private static final long MS = 1_000_000;
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final List<Long> sleeps = new ArrayList<>();
    private final Store store = new Store();
    private final PacedEventStorageEngine paced = new PacedEventStorageEngine(store, Duration.ofMillis(50), now::get,
            nanos -> {
                sleeps.add(nanos);
                now.addAndGet(nanos);
            });

    @Test
    void aFollowerReadsTheTailAtMostOncePerInterval() {
        paced.readEvents(null, true);
        assertThat(sleeps).as("the first read is not held").isEmpty();
        now.addAndGet(10 * MS); // a commit 10 ms later wakes the follower
        paced.readEvents(null, true);
        assertThat(sleeps).containsExactly(40 * MS);
        assertThat(store.tailReads.get()).isEqualTo(2);
    }

    @Test
    void aReadAfterAQuietIntervalIsNotHeld() {
        paced.readEvents(null, true);
        now.addAndGet(70 * MS);
        paced.readEvents(null, true);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void eachFollowerIsPacedOnItsOwn() throws InterruptedException {
        paced.readEvents(null, true);
        Thread other = new Thread(() -> paced.readEvents(null, true));
        other.start();
        other.join();
        assertThat(sleeps).isEmpty();
        assertThat(store.tailReads.get()).isEqualTo(2);
    }

    @Test
    void loadingAnAggregateIsNeverHeld() {
        paced.readEvents(null, true);
        paced.readEvents("help-1", 0);
        paced.readEvents("help-1", 0);
        assertThat(sleeps).isEmpty();
        assertThat(store.aggregateReads.get()).isEqualTo(2);
    }

    /** Counts reads; nothing is stored. */
    private static final class Store implements EventStorageEngine {
        final AtomicInteger tailReads = new AtomicInteger();
        final AtomicInteger aggregateReads = new AtomicInteger();

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            tailReads.incrementAndGet();
            return Stream.empty();
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            aggregateReads.incrementAndGet();
            return DomainEventStream.empty();
        }

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            return Optional.empty();
        }
    }
}
