package io.givefirst.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An event field that holds personal data: a name, a headline, interests, a text someone wrote. Wherever the event
 * is stored or sent (the event store, the topic, copies of either) the value is sealed with a data key of the
 * member named by {@link #of()} — the person it describes, or who wrote it — and whoever cannot use that key reads
 * ciphertext; once the member is erased the key is gone and so is every copy's plaintext (ADR 16). The schemas
 * publish the mark as {@code x-personal-data}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface PersonalData {
    /** The component holding the id of the member whose key seals this field. */
    String of();

    /**
     * Readable by that member alone (a private note): sealed with their private key, which the query API uses only
     * for its owner's own reads and which no analyst's grant includes.
     */
    boolean onlyForThem() default false;
}
