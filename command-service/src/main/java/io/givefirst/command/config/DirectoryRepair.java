package io.givefirst.command.config;

import io.givefirst.command.relay.StoreEvents;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lookups are derivable from the event store: this reads the whole store in its key order (aggregate, then
 * sequence — as the relay does, ADR 12, so no clock matters), upcast as an aggregate would see it, and applies
 * every event a lookup keeps again. An entry lost or never written (a lookup collection restored from an old
 * backup, dropped by mistake) comes back as the store says; entries already up to date are left as they are
 * (sequence-guarded writes). Payloads of other types are not deserialized; one round trip per applied event, as a
 * repair is rare. The topic-following {@link DirectoryFeed} repairs continuously, and at start, what a failed
 * write missed; this endpoint is for what the topic no longer holds.
 */
@RestController
@Tag(name = "Admin: lookups", description = "Repairing the command side's lookups from the event store")
class DirectoryRepair {
    private static final int PAGE = 1_000;
    private final StoreEvents store;
    private final DirectoryHandlers lookups;

    DirectoryRepair(StoreEvents store, DirectoryHandlers lookups) {
        this.store = store;
        this.lookups = lookups;
    }

    @Operation(summary = "Rebuild the member and introduction lookups from the event store (idempotent)")
    @PostMapping("/admin/lookups/repair")
    Map<String, Long> repair() throws Exception {
        long read = 0;
        long applied = 0;
        String aggregate = null;
        long sequence = -1;
        for (List<Document> page = store.after(null, -1, PAGE); !page.isEmpty();
             page = store.after(aggregate, sequence, PAGE)) {
            read += page.size();
            for (DomainEventMessage<?> event : store.messages(page)) {
                if (lookups.apply(event)) {
                    applied++;
                }
            }
            Document last = page.get(page.size() - 1);
            aggregate = last.getString(StoreEvents.AGGREGATE);
            sequence = ((Number) last.get(StoreEvents.SEQUENCE)).longValue();
        }
        return Map.of("eventsRead", read, "eventsApplied", applied);
    }
}
