package io.givefirst.events;

import java.time.Instant;

/** What every GiveFirst event has: when the act happened in the world (which may differ from when it was recorded). */
public interface DomainEvent {
    Instant occurredAt();
}
