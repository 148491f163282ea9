package io.givefirst.events.help;

import io.givefirst.events.DomainEvent;
import io.givefirst.events.EventType;
import io.givefirst.events.PersonalData;
import io.givefirst.events.Nullable;
import io.givefirst.events.Require;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * One member helped another. Recorded by the giver it is a claim ({@code verified = false}) until the receiver
 * acknowledges it; recorded by the receiver it awaits the giver's confirmation ({@link HelpConfirmedEvent}, ADR 18) —
 * events stored before that rule say {@code verified = true} and stay verified.
 * {@code answersNeedId}, when present, is the receiver's open need this help answers.
 */
@EventType(value = "givefirst.help.given",
        meaning = "One member helped another. Recorded by the giver it is an unverified claim until the receiver "
                + "acknowledges it; recorded by the receiver it is unverified until the giver confirms it "
                + "(verified = true only in events stored before that rule).",
        emittedWhen = "POST /help (by the giver) or POST /help/received (by the receiver)")
@Revision("1")
public record HelpGivenEvent(String helpId, String giverId, String receiverId, HelpKind kind,
                             @PersonalData(of = "recordedBy") String summary, String recordedBy, boolean verified,
                             @Nullable String answersNeedId, Instant occurredAt)
        implements DomainEvent {
    public static final int SUMMARY_MAX = 1000;

    public HelpGivenEvent {
        Require.id(helpId, "helpId");
        Require.id(giverId, "giverId");
        Require.id(receiverId, "receiverId");
        Require.present(kind, "kind");
        Require.text(summary, "summary");
        Require.id(recordedBy, "recordedBy");
        if (!recordedBy.equals(giverId) && !recordedBy.equals(receiverId)) {
            throw new IllegalArgumentException("help is recorded by its giver or its receiver");
        }
        answersNeedId = Require.optionalId(answersNeedId, "answersNeedId");
        Require.present(occurredAt, "occurredAt");
    }
}
