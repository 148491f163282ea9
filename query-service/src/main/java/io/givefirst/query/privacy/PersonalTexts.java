package io.givefirst.query.privacy;

import io.givefirst.events.privacy.Sealing;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Personal data as a response shows it. Read models keep personal fields sealed, as the stream carries them, and
 * they are opened here, per response (ADR 16): once a member is erased their values stay sealed, so every read
 * model — and every rebuild — shows them as gone without rewriting anything.
 */
@Component
public class PersonalTexts {
    /** What a response says in place of an erased member's name. */
    public static final String FORMER_MEMBER = "Former member";
    private final Sealing sealing;

    PersonalTexts(Sealing sealing) {
        this.sealing = sealing;
    }

    /** Loads with one query the keys these values need: call before opening a page's worth of them. */
    public void prefetch(Collection<String> values) {
        sealing.prefetchSealedIn(values);
    }

    /** A personal text (a headline, a summary, a reason…): its plaintext, or null when absent or erased. */
    public String text(String value) {
        return value == null ? null : sealing.open(value).orElse(null);
    }

    /** A display name: its plaintext; {@link #FORMER_MEMBER} for an erased member; null when absent. */
    public String name(String value) {
        return value == null ? null : sealing.open(value).orElse(FORMER_MEMBER);
    }

    /** A list of personal texts (interests): the ones that open. */
    public List<String> texts(List<String> values) {
        return values.stream().map(sealing::open).flatMap(Optional::stream).toList();
    }

    /** A private note of {@code ownerId}: its plaintext for its owner, null for anyone else or once erased. */
    public String privateNote(String value, String ownerId, String readerId) {
        return value == null ? null : sealing.openPrivate(value, ownerId, readerId).orElse(null);
    }
}
