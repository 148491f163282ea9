package io.givefirst.query.consistency;

import com.mongodb.client.model.Updates;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.BulkWrites;
import io.givefirst.query.stream.EventStream;
import io.givefirst.query.stream.ReadModelCollections;
import io.givefirst.query.stream.StreamPosition;
import io.givefirst.query.stream.StreamProjection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where each aggregate's events are on the topic ({@code stream_positions}): one document per aggregate, its
 * partition, the highest sequence number seen and the highest offset of its records, both {@code $max} — one
 * upsert per aggregate of a batch. What turns a {@code Consistency-Token}, which names aggregates and sequence
 * numbers, into topic positions that every read model's watermark can be compared with ({@link ReadYourWrites}).
 */
@Component
public class StreamPositionsProjection extends StreamProjection {
    public static final String NAME = "stream-positions";
    static final String POSITIONS = "stream_positions";
    static final String PARTITION = "partition";
    static final String SEQUENCE = "sequence";
    static final String OFFSET = "offset";

    @Autowired
    public StreamPositionsProjection(Generations generations, EventStream stream) {
        this(generations.liveOf(NAME), stream);
    }

    public StreamPositionsProjection(ReadModelCollections collections, EventStream stream) {
        super(NAME, List.of(POSITIONS), collections, stream, StreamPositionsProjection::new);
    }

    /** Positions are the point: they are only applied with their records'. */
    @Override
    public void apply(List<EventEnvelope> events) {
        throw new UnsupportedOperationException(NAME + " needs each event's position on the stream");
    }

    @Override
    public void apply(List<EventEnvelope> events, List<StreamPosition> positions) {
        Map<String, long[]> highest = new HashMap<>(); // aggregate → partition, sequence, offset
        for (int i = 0; i < events.size(); i++) {
            EventEnvelope event = events.get(i);
            StreamPosition position = positions.get(i);
            highest.merge(event.aggregateId(), new long[] {position.partition(), event.sequence(), position.offset()},
                    (a, b) -> new long[] {b[0], Math.max(a[1], b[1]), Math.max(a[2], b[2])});
        }
        BulkWrites writes = new BulkWrites();
        highest.forEach((aggregate, at) -> writes.upsert(collections.get(POSITIONS), aggregate,
                Updates.set(PARTITION, (int) at[0]), Updates.max(SEQUENCE, at[1]), Updates.max(OFFSET, at[2])));
        writes.flush();
    }

    /** Nothing reads this projection's own watermarks: a token waits for each aggregate's entry here instead. */
    @Override
    public void markApplied(Map<Integer, Long> passed) {
    }
}
