package io.givefirst.command.relay;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 * other instances every {@code givefirst.relay.poll-interval}. An event it cannot publish for a reason of its own
 * is parked with the later events of its aggregate ({@link RelayDeadLetters}); MongoDB or Kafka being away is
 * waited out.
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
    private final RelayDeadLetters deadLetters;
    /** The producer's {@code max.request.size}, less room for the batch's framing. */
    private final int maxRecordBytes;
    private final Counter published;
    private final Semaphore committed = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    StoreRelay(StoreEvents store, KafkaTemplate<String, byte[]> kafka, EventRecords records, RelayProperties properties,
               MongoDatabase commandDatabase, Clock clock, EventStore eventStore, MeterRegistry meters,
               RelayDeadLetters deadLetters) {
        this.store = store;
        this.deadLetters = deadLetters;
        Object maxRequest = kafka.getProducerFactory().getConfigurationProperties()
                .getOrDefault(org.apache.kafka.clients.producer.ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576);
        this.maxRecordBytes = Integer.parseInt(String.valueOf(maxRequest)) - 1024;
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

    /**
     * Publishes one page of unrelayed events; how many it took off the list (published or parked). The events of
     * an aggregate with a parked event join its sequence. When the page fails for a reason that is not transient,
     * its events are published one at a time to find those that fail: each is parked with the rest of its
     * aggregate's events in the page, and the others are published.
     */
    private int relayPage() throws Exception {
        List<Document> page = store.unrelayed(properties.pageSize());
        if (page.isEmpty()) {
            return 0;
        }
        int handled = page.size();
        if (deadLetters.anyParked()) {
            page = parkBehindParked(page);
        }
        try {
            // every record is made (and measured) before the first is sent: an event that cannot become a record
            // is found before any later event of its aggregate is on its way
            List<ProducerRecord<String, byte[]>> toSend = store.messages(page).stream().map(this::record).toList();
            CompletableFuture<?>[] sends = toSend.stream().map(kafka::send).toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(sends).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception failure) {
            if (Transience.isTransient(failure)) {
                throw failure;
            }
            relayOneByOne(page);
            return handled;
        }
        store.markRelayed(page.stream().map(document -> document.get("_id")).toList());
        published.increment(page.size());
        return handled;
    }

    /** The page without the events of aggregates that have a parked event: those are parked behind it. */
    private List<Document> parkBehindParked(List<Document> page) {
        Map<String, Boolean> parked = new HashMap<>();
        List<Document> free = new ArrayList<>(page.size());
        for (Document document : page) {
            String aggregate = document.getString(StoreEvents.AGGREGATE);
            if (parked.computeIfAbsent(aggregate, deadLetters::isParked)) {
                park(document, new IllegalStateException("an earlier event of " + aggregate + " is parked"));
            } else {
                free.add(document);
            }
        }
        return free;
    }

    private void relayOneByOne(List<Document> page) throws Exception {
        Set<String> parkedNow = new HashSet<>();
        for (Document document : page) {
            String aggregate = document.getString(StoreEvents.AGGREGATE);
            if (parkedNow.contains(aggregate)) {
                park(document, new IllegalStateException("an earlier event of " + aggregate + " is parked"));
                continue;
            }
            try {
                send(document);
            } catch (Exception failure) {
                if (Transience.isTransient(failure)) {
                    throw failure;
                }
                park(document, failure);
                parkedNow.add(aggregate);
            }
        }
    }

    private void park(Document document, Throwable cause) {
        deadLetters.park(document, cause);
        store.markParked(List.of(document.get("_id")));
    }

    /** A stored event as its record; refused when Kafka would refuse it for its size. */
    private ProducerRecord<String, byte[]> record(DomainEventMessage<?> message) {
        ProducerRecord<String, byte[]> record = records.toRecord(properties.topic(), message);
        int size = record.value().length + record.key().length() * 3;
        for (org.apache.kafka.common.header.Header header : record.headers()) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        if (size > maxRecordBytes) {
            throw new IllegalStateException("the record of " + message.getAggregateIdentifier() + "#"
                    + message.getSequenceNumber() + " takes " + size + " bytes; the producer sends at most " + maxRecordBytes);
        }
        return record;
    }

    /** Publishes one stored event and marks it relayed, or throws why it cannot. */
    private void send(Document document) throws Exception {
        DomainEventMessage<?> message = store.messages(List.of(document)).get(0);
        kafka.send(record(message)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        store.markRelayed(List.of(document.get("_id")));
        published.increment();
    }

    /** A parked event published again (an admin's retry, {@link RelayDeadLetters#retry}); any instance may. */
    void publishParked(String aggregateId, long sequence) throws Exception {
        Document document = store.find(aggregateId, sequence);
        if (document == null) {
            throw new IllegalStateException("the store holds no event " + aggregateId + "#" + sequence);
        }
        send(document);
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
