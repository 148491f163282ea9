package io.givefirst.events.help;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.PersonalData;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The receiver confirmed that help claimed by its giver really happened: from now on it is verified. */
@EventType(value = "givefirst.help.acknowledged",
        meaning = "The receiver confirmed claimed help: it is verified from now on.",
        emittedWhen = "POST /help/{helpId}/acknowledgement")
@Revision("1")
public record HelpAcknowledgedEvent(String helpId, String giverId, String receiverId,
                                    @PersonalData(of = "receiverId") String thanks, Instant occurredAt)
        implements DomainEvent {
    public static final int THANKS_MAX = 1000;

    public HelpAcknowledgedEvent {
        Require.id(helpId, "helpId");
        Require.id(giverId, "giverId");
        Require.id(receiverId, "receiverId");
        thanks = Require.optional(thanks, "thanks");
        Require.present(occurredAt, "occurredAt");
    }
}
