package io.givefirst.events.help;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The giver confirmed help its receiver recorded: from now on it is verified, and it credits the giver (ADR 18). */
@EventType(value = "givefirst.help.confirmed",
        meaning = "The giver confirmed help its receiver recorded: it is verified, and credits the giver, from now on.",
        emittedWhen = "POST /help/{helpId}/confirmation")
@Revision("1")
public record HelpConfirmedEvent(String helpId, String giverId, String receiverId, Instant occurredAt)
        implements DomainEvent {

    public HelpConfirmedEvent {
        Require.id(helpId, "helpId");
        Require.id(giverId, "giverId");
        Require.id(receiverId, "receiverId");
        Require.present(occurredAt, "occurredAt");
    }
}
