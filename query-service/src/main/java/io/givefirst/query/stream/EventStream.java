package io.givefirst.query.stream;

import io.givefirst.events.wire.EventEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * What a projection does with a poll, live or rebuilding: decode, apply in one bulk write, record the lag. When
 * the poll cannot be applied for a reason that is not transient, its records are applied one at a time to find the
 * one that fails; the failure names it ({@link RecordFailure}), so the error handling retries or parks that record
 * alone and the rest of the partition flows.
 */
@Component
public class EventStream {
    private final EventDecoder decoder;
    private final ProjectionLag lag;
    private final DeadLetters deadLetters;

    public EventStream(EventDecoder decoder, ProjectionLag lag, DeadLetters deadLetters) {
        this.decoder = decoder;
        this.lag = lag;
        this.deadLetters = deadLetters;
    }

    /** A live consumer's poll; a record that fails is reported to the container's error handler by its index. */
    public void deliver(Projection projection, List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        apply(projection, records, event -> true);
        lag.record(projection.name(), consumer);
    }

    /**
     * What the container's error handler is told: which record failed, and — by the exception's class, which it
     * compares to decide whether to start counting afresh — whether the failure is transient or the record's own.
     */
    public static BatchListenerFailedException reported(String projection, RuntimeException failure) {
        RecordFailure named = failure instanceof RecordFailure f ? f : new RecordFailure(projection, 0, failure);
        return named.isTransient() ? new TransientFailure(named) : new RecordsOwnFailure(named);
    }

    /** MongoDB or Kafka away: retried for as long as it takes. */
    public static final class TransientFailure extends BatchListenerFailedException {
        TransientFailure(RecordFailure failure) {
            super(failure.getMessage(), failure, failure.index());
        }
    }

    /** The record cannot be applied: retried a few times, then parked. */
    public static final class RecordsOwnFailure extends BatchListenerFailedException {
        RecordsOwnFailure(RecordFailure failure) {
            super(failure.getMessage(), failure, failure.index());
        }
    }

    /**
     * Applies the records the filter keeps.
     *
     * @throws RecordFailure naming the first record that could not be applied; every record before it is applied
     */
    public void apply(Projection projection, List<ConsumerRecord<String, byte[]>> records, Predicate<EventEnvelope> keep) {
        EventDecoder.Decoded decoded;
        try {
            decoded = decoder.decode(projection.name(), records);
        } catch (RecordFailure unreadable) {
            if (unreadable.index() > 0) {
                apply(projection, records.subList(0, unreadable.index()), keep);
            }
            throw unreadable;
        } catch (RuntimeException failure) {
            throw new RecordFailure(projection.name(), 0, failure); // counting the unknown types failed
        }
        List<EventEnvelope> events = new ArrayList<>(decoded.events().size());
        List<Integer> indexes = new ArrayList<>(decoded.events().size());
        List<StreamPosition> positions = new ArrayList<>(decoded.events().size());
        for (int i = 0; i < decoded.events().size(); i++) {
            if (keep.test(decoded.events().get(i))) {
                ConsumerRecord<String, byte[]> record = records.get(decoded.indexes().get(i));
                events.add(decoded.events().get(i));
                indexes.add(decoded.indexes().get(i));
                positions.add(new StreamPosition(record.partition(), record.offset()));
            }
        }
        try {
            projection.apply(events, positions);
        } catch (RuntimeException e) {
            if (Transience.isTransient(e) || events.size() <= 1) {
                throw new RecordFailure(projection.name(), indexes.isEmpty() ? 0 : indexes.get(0), e);
            }
            applyOneByOne(projection, records, events, indexes, positions);
        }
        try {
            // every record of the poll is passed: applied, or not this projection's to apply (unknown type, filtered)
            projection.markApplied(Watermarks.highest(records));
        } catch (RuntimeException e) {
            throw new RecordFailure(projection.name(), 0, e); // applying the poll again is harmless
        }
    }

    /** Finds the record that fails; the watermark then covers exactly the records before it. */
    private static void applyOneByOne(Projection projection, List<ConsumerRecord<String, byte[]>> records,
                                      List<EventEnvelope> events, List<Integer> indexes, List<StreamPosition> positions) {
        for (int i = 0; i < events.size(); i++) {
            try {
                projection.apply(List.of(events.get(i)), List.of(positions.get(i)));
            } catch (RuntimeException one) {
                projection.markApplied(Watermarks.highest(records.subList(0, indexes.get(i))));
                throw new RecordFailure(projection.name(), indexes.get(i), one);
            }
        }
    }

    public void track(Projection projection) {
        lag.track(projection.name());
        deadLetters.track(projection.name());
    }
}
