package io.givefirst.events.privacy;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seals and opens the personal fields of events' JSON (crypto-shredding, ADR 16). A field declared
 * {@link io.givefirst.events.PersonalData} is sealed with a key of the member its {@code of} field names; a list is
 * sealed element by element, so every field keeps its JSON type and the schemas stay as they are. A value already
 * sealed for that very member and purpose passes unchanged, so a value crosses any number of writers; anything else —
 * plaintext, or a sealed value of someone else pasted in as text — is sealed as text. What a reader has no key for
 * stays sealed.
 */
public final class Sealing {
    private static final Logger log = Logger.getLogger(Sealing.class.getName());
    private final DataKeys keys;

    public Sealing(DataKeys keys) {
        this.keys = keys;
    }

    /** Loads at once the keys the sealed values in these texts need (stored events' JSON, read-model values). */
    public void prefetchSealedIn(java.util.Collection<String> texts) {
        java.util.Set<DataKeys.Wanted> wanted = new java.util.LinkedHashSet<>();
        texts.stream().filter(java.util.Objects::nonNull).forEach(text -> wanted.addAll(Sealed.keysIn(text)));
        if (!wanted.isEmpty()) {
            keys.prefetch(wanted);
        }
    }

    /** Loads at once the keys of the members whose keys seal these events' personal fields (a batch to seal). */
    public void prefetchOwnersOf(java.util.Collection<?> events) {
        java.util.Set<DataKeys.Wanted> wanted = new java.util.LinkedHashSet<>();
        events.forEach(event -> wanted.addAll(PersonalFields.keysToSeal(event)));
        if (!wanted.isEmpty()) {
            keys.prefetch(wanted);
        }
    }

    /** Seals, in place, every personal field of an event's JSON that is not sealed yet; answers the same node. */
    public ObjectNode seal(Class<?> eventClass, ObjectNode event) {
        return transform(eventClass, event, (field, owner) -> value -> seal(value, owner, field.purpose()));
    }

    /** Opens, in place, every sealed field it holds the key for (both purposes: for the producer's own reads). */
    public ObjectNode open(Class<?> eventClass, ObjectNode event) {
        return transform(eventClass, event, (field, owner) -> value -> open(value, field.purpose()).orElse(value));
    }

    /**
     * A personal value for anyone allowed to see the member's personal data: the plaintext, or empty when the member
     * was erased (or this reader holds no key, or the value does not open). Plaintext written before sealing existed
     * is answered as it is; a private value is never opened here.
     */
    public Optional<String> open(String value) {
        return open(value, KeyPurpose.PERSONAL);
    }

    /**
     * A private value (a note) of {@code ownerId}, for {@code readerId}: opened only when the reader is its owner —
     * plaintext from before sealing existed included.
     */
    public Optional<String> openPrivate(String value, String ownerId, String readerId) {
        if (ownerId == null || !ownerId.equals(readerId)) {
            return Optional.empty();
        }
        if (!Sealed.is(value)) {
            return Optional.ofNullable(value);
        }
        return Sealed.parse(value).filter(sealed -> sealed.memberId().equals(ownerId))
                .flatMap(sealed -> open(value, KeyPurpose.PRIVATE));
    }

    private Optional<String> open(String value, KeyPurpose purpose) {
        if (!Sealed.is(value)) {
            return Optional.ofNullable(value);
        }
        Optional<Sealed> parsed = Sealed.parse(value).filter(s -> s.purpose() == purpose && !s.isShredded());
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Sealed sealed = parsed.get();
        Optional<Aead> key = keys.find(sealed.memberId(), purpose);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(key.get().decrypt(sealed.ciphertext(), sealed.associatedData()),
                    StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // tampered with, or not ours: shown as missing rather than failing the reader's whole answer
            log.log(Level.WARNING, "a sealed value of {0} does not open with their key", sealed.memberId());
            return Optional.empty();
        }
    }

    private String seal(String value, String owner, KeyPurpose purpose) {
        if (value.isEmpty() || Sealed.sealedFor(value, owner, purpose)) {
            return value;
        }
        Optional<Aead> key = keys.obtain(owner, purpose);
        if (key.isEmpty()) {
            return Sealed.shredded(purpose, owner); // the member was erased: their data is not written again
        }
        byte[] associatedData = new Sealed(purpose, owner, new byte[0]).associatedData();
        try {
            byte[] ciphertext = key.get().encrypt(value.getBytes(StandardCharsets.UTF_8), associatedData);
            return new Sealed(purpose, owner, ciphertext).toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a value of " + owner, e);
        }
    }

    private interface PerField {
        UnaryOperator<String> of(PersonalFields.Field field, String owner);
    }

    private static ObjectNode transform(Class<?> eventClass, ObjectNode event, PerField perField) {
        for (PersonalFields.Field field : PersonalFields.of(eventClass).fields()) {
            JsonNode value = event.get(field.name());
            if (value == null || value.isNull()) {
                continue;
            }
            JsonNode owner = event.get(field.ownerField());
            if (owner == null || !owner.isString() || owner.asString().isBlank()) {
                throw new IllegalArgumentException(eventClass.getSimpleName() + "." + field.name()
                        + " belongs to the member in '" + field.ownerField() + "', which the event does not name");
            }
            UnaryOperator<String> change = perField.of(field, owner.asString());
            if (value.isString()) {
                event.put(field.name(), change.apply(value.asString()));
            } else if (value.isArray()) {
                ArrayNode changed = event.arrayNode();
                for (JsonNode element : value) {
                    if (!element.isString()) {
                        throw new IllegalArgumentException(eventClass.getSimpleName() + "." + field.name()
                                + " holds a " + element.getNodeType() + ", not text");
                    }
                    changed.add(change.apply(element.asString()));
                }
                event.set(field.name(), changed);
            } else {
                throw new IllegalArgumentException(eventClass.getSimpleName() + "." + field.name()
                        + " is a " + value.getNodeType() + ", not text");
            }
        }
        return event;
    }
}
