package io.givefirst.query.history;

import io.givefirst.query.paging.Cursor;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A member's references to their history entries, one string each: {@code <epoch millis, 15 digits>|kind|role|id}.
 * Strings keep {@code $addToSet} exact (a redelivered event adds nothing) and sort by time as text.
 */
final class HistoryIndex {
    static final String ENTRIES = "entries";
    private static final Comparator<Reference> NEWEST_FIRST = Comparator.comparing(Reference::occurredAt)
            .thenComparing(Reference::id).reversed();

    private HistoryIndex() {
    }

    record Reference(Instant occurredAt, String kind, String role, String id) {
        boolean matches(HistoryFilter filter, Cursor after) {
            return (filter.kind() == null || filter.kind().equals(kind))
                    && (filter.role() == null || filter.role().equals(role))
                    && (filter.since() == null || !occurredAt.isBefore(filter.since()))
                    && (filter.until() == null || occurredAt.isBefore(filter.until()))
                    && (after == null || occurredAt.isBefore(after.occurredAt())
                        || occurredAt.equals(after.occurredAt()) && id.compareTo(after.id()) < 0);
        }
    }

    static String reference(Instant occurredAt, String kind, String role, String id) {
        return "%015d|%s|%s|%s".formatted(occurredAt.toEpochMilli(), kind, role, id);
    }

    static Reference parse(String reference) {
        String[] parts = reference.split("\\|", 4);
        return new Reference(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1], parts[2], parts[3]);
    }

    /** The ids of the first {@code limit} references that pass the filter and come after the cursor, newest first. */
    static List<String> page(List<String> references, HistoryFilter filter, Cursor after, int limit) {
        return references.stream().map(HistoryIndex::parse).filter(r -> r.matches(filter, after))
                .sorted(NEWEST_FIRST).limit(limit).map(Reference::id).toList();
    }
}
