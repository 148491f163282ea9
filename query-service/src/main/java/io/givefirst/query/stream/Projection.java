package io.givefirst.query.stream;

import io.givefirst.events.wire.EventEnvelope;
import java.util.List;
import java.util.Map;

/**
 * A read model's builder. {@link #apply} must be idempotent and order-insensitive across aggregates: applying
 * any batch again, or events of different aggregates in any order, leaves the same documents.
 */
public interface Projection {
    /** Its name: also its Kafka consumer group. */
    String name();

    /**
     * The layout its documents are written in. Raise it when a change of the projection needs its read model built
     * again from the stream (new collections, fields read differently): query-service then rebuilds it at start.
     */
    default int shape() {
        return 1;
    }

    /** The MongoDB collections it owns. */
    List<String> collections();

    /** Applies events (decoded, in partition order) with one bulk write per collection. */
    void apply(List<EventEnvelope> events);

    /**
     * Applies events knowing where each was on the topic ({@code positions} parallel to {@code events}); only a
     * projection that needs the positions overrides this.
     */
    default void apply(List<EventEnvelope> events, List<StreamPosition> positions) {
        apply(events);
    }

    /**
     * Records how far on the topic it has got — per partition the highest offset passed, after {@link #apply} has
     * written those records — so that a query carrying a {@code Consistency-Token}, or a notification stream, can
     * tell what its read model reflects ({@link Watermarks}).
     */
    default void markApplied(Map<Integer, Long> passed) {
    }

    /** A twin of this projection that writes to other collections (a rebuild's generation); it creates its indexes. */
    Projection writingTo(ReadModelCollections collections);
}
