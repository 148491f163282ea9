package io.givefirst.query.stream;

import io.givefirst.events.wire.EventEnvelope;
import java.util.List;

/**
 * A read model's builder. {@link #apply} must be idempotent and order-insensitive across aggregates: applying
 * any batch again, or events of different aggregates in any order, leaves the same documents.
 */
public interface Projection {
    /** Its name: also its Kafka consumer group. */
    String name();

    /** The MongoDB collections it owns. */
    List<String> collections();

    /** Applies events (decoded, in partition order) with one bulk write per collection. */
    void apply(List<EventEnvelope> events);

    /** A twin of this projection that writes to other collections (a rebuild's generation); it creates its indexes. */
    Projection writingTo(ReadModelCollections collections);
}
