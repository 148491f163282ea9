package io.givefirst.command.relay;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes every event of the store to Kafka: the store is the outbox (ADR 1, ADR 12). It reads the events the
 * store holds unrelayed, a page at a time in (aggregate, sequence) order, sends them, waits until Kafka has
 * acknowledged all of them, and only then marks them relayed. A failed send marks nothing and the page is sent
 * again: nothing is skipped, and what was already sent may be sent again (at-least-once). One instance relays at
 * a time ({@link RelayLease}); it wakes as soon as one of its own commands has committed, and looks for events of
 * other instances every {@code givefirst.relay.poll-interval}.
 * <p>
 * Hand-written rather than an Axon tracking processor: axon-mongo tracks by its writers' clocks and skips an event
 * that becomes visible late (ADR 12).
 */
@Component
class StoreRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(StoreRelay.class);
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final StoreEvents store;
    private final KafkaTemplate<String, byte[]> kafka;
    private final EventRecords records;
    private final RelayProperties properties;
    private final RelayLease lease;
    private final Counter published;
    private final Semaphore committed = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    StoreRelay(StoreEvents store, KafkaTemplate<String, byte[]> kafka, EventRecords records, RelayProperties properties,
               MongoDatabase commandDatabase, Clock clock, EventStore eventStore, MeterRegistry meters) {
        this.store = store;
        this.kafka = kafka;
        this.records = records;
        this.properties = properties;
        this.lease = new RelayLease(commandDatabase, clock, properties.lease());
        this.published = Counter.builder("givefirst.relay.published")
                .description("events acknowledged by Kafka").register(meters);
        eventStore.subscribe(events -> CurrentUnitOfWork.ifStarted(work -> work.afterCommit(done -> committed.release())));
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::relay, "store-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(ACK_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lease.release();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void relay() {
        Duration renewEvery = properties.lease().dividedBy(3);
        long renewAt = 0;
        boolean holding = false;
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try {
                if (System.nanoTime() - renewAt >= 0) {
                    holding = lease.hold();
                    renewAt = System.nanoTime() + renewEvery.toNanos();
                }
                if (!holding || relayPage() == 0) {
                    committed.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    committed.drainPermits();
                }
                backoff = Duration.ofMillis(100);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                log.warn("relaying failed; retrying in {} ms: {}", backoff.toMillis(), e.toString());
                if (!sleep(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            }
        }
    }

    /** Publishes one page of unrelayed events; how many it published. */
    private int relayPage() throws Exception {
        List<Document> page = store.unrelayed(properties.pageSize());
        if (page.isEmpty()) {
            return 0;
        }
        List<DomainEventMessage<?>> messages = store.messages(page);
        CompletableFuture<?>[] sends = messages.stream()
                .map(message -> kafka.send(records.toRecord(properties.topic(), message)))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sends).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        store.markRelayed(page.stream().map(document -> document.get("_id")).toList());
        published.increment(messages.size());
        return messages.size();
    }

    private boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
