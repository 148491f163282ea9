package io.givefirst.query.stream;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * What every projection shares: its name (also its consumer group), its collections — with the positions it has
 * got to on the topic ({@link Watermarks}) — its Kafka listener and its twin for rebuilds. A subclass says which
 * indexes its queries need and how it applies events.
 */
public abstract class StreamProjection implements Projection {
    private final String name;
    private final List<String> collectionNames;
    protected final ReadModelCollections collections;
    private final EventStream stream;
    private final BiFunction<ReadModelCollections, EventStream, Projection> twin;

    protected StreamProjection(String name, List<String> collectionNames, ReadModelCollections collections,
                               EventStream stream, BiFunction<ReadModelCollections, EventStream, Projection> twin) {
        this.name = name;
        this.collectionNames = Stream.concat(collectionNames.stream(), Stream.of(Watermarks.collectionOf(name)))
                .toList();
        this.collections = collections;
        this.stream = stream;
        this.twin = twin;
        createIndexes();
        stream.track(this);
    }

    /** The indexes the queries of this read model need, on whichever generation this instance writes. */
    protected void createIndexes() {
    }

    /** One consumer group per projection; offsets are committed after each applied poll, written to one generation. */
    @KafkaListener(id = "#{__listener.name()}", groupId = "#{__listener.name()}", topics = "${givefirst.topic}",
            batch = "true")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        try {
            collections.batch(() -> stream.deliver(this, records, consumer));
        } catch (RuntimeException failure) {
            // whatever failed — a record, or reading which generation is live — is reported at a record's index
            throw EventStream.reported(name, failure);
        }
    }

    @Override
    public void markApplied(Map<Integer, Long> passed) {
        Watermarks.record(collections.get(Watermarks.collectionOf(name)), passed);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> collections() {
        return collectionNames;
    }

    @Override
    public Projection writingTo(ReadModelCollections target) {
        return twin.apply(target, stream);
    }
}
