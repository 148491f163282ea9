package io.givefirst.query.stream;

import io.givefirst.events.wire.EventEnvelope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A projection's handlers, one per event type, looked up by the payload's class (events are records, so the class
 * is exact): what a projection does with each event reads as a list, not as a chain of {@code instanceof}. Types
 * without a handler are not this projection's concern. {@code W} is what the handlers write through, collected
 * for one batch (usually {@link BulkWrites}).
 */
public final class EventHandlers<W> {
    /** What one event of type {@code E} writes. */
    @FunctionalInterface
    public interface Handler<E, W> {
        void on(E event, EventEnvelope envelope, W writes);
    }

    private final Map<Class<?>, Handler<Object, W>> byType = new HashMap<>();

    @SuppressWarnings("unchecked")
    public <E> EventHandlers<W> on(Class<E> type, Handler<? super E, W> handler) {
        if (byType.putIfAbsent(type, (Handler<Object, W>) handler) != null) {
            throw new IllegalStateException("two handlers of " + type.getSimpleName());
        }
        return this;
    }

    /** Hands each event to its type's handler, in order. */
    public void apply(List<EventEnvelope> events, W writes) {
        for (EventEnvelope event : events) {
            Handler<Object, W> handler = byType.get(event.payload().getClass());
            if (handler != null) {
                handler.on(event.payload(), event, writes);
            }
        }
    }

    /** The usual batch: every handler writes through one {@link BulkWrites}, sent once at the end. */
    public static void applyInOneBulkWrite(EventHandlers<BulkWrites> handlers, List<EventEnvelope> events) {
        BulkWrites writes = new BulkWrites();
        handlers.apply(events, writes);
        writes.flush();
    }
}
