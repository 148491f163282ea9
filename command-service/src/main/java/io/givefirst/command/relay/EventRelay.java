package io.givefirst.command.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes every event of the store to Kafka: the store is the outbox. It runs in the tracking processor
 * {@value #PROCESSING_GROUP}, whose token lives in MongoDB.
 *
 * <p>Sends within one processor batch go out without waiting; on the batch's last event the relay waits for
 * the broker to acknowledge all of them. Only then does the handler return, and only then does the processor
 * store its token — so the token never moves past an event Kafka has not acknowledged. A failed or timed-out
 * send throws, the processor (with a propagating error handler) rolls the batch back and retries it later:
 * nothing is skipped, and what was already sent may be sent again (at-least-once).
 */
@Component
@ProcessingGroup(EventRelay.PROCESSING_GROUP)
public class EventRelay {
    public static final String PROCESSING_GROUP = "event-relay";
    private static final String PENDING = EventRelay.class.getName() + ".pending";
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final KafkaTemplate<String, byte[]> kafka;
    private final RelayProperties properties;
    private final EventRecords records;
    private final Counter published;

    EventRelay(KafkaTemplate<String, byte[]> kafka, RelayProperties properties, EventRecords records,
               MeterRegistry meters) {
        this.kafka = kafka;
        this.properties = properties;
        this.records = records;
        this.published = Counter.builder("givefirst.relay.published")
                .description("events acknowledged by Kafka").register(meters);
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) throws Exception {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        List<CompletableFuture<?>> pending = unitOfWork.root().getOrComputeResource(PENDING, key -> new ArrayList<>());
        pending.add(kafka.send(records.toRecord(properties.topic(), (DomainEventMessage<?>) message)));
        boolean lastOfBatch = !(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage();
        if (lastOfBatch) {
            awaitAcks(pending);
        }
    }

    private void awaitAcks(List<CompletableFuture<?>> pending) throws Exception {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new RelayFailedException("Kafka did not acknowledge the batch; it will be retried", e.getCause());
        } catch (TimeoutException e) {
            throw new RelayFailedException("Kafka did not acknowledge the batch in time; it will be retried", e);
        }
        published.increment(pending.size());
        pending.clear();
    }

    /** Thrown so that the processor retries the batch instead of moving on. */
    static final class RelayFailedException extends Exception {
        RelayFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
