package io.givefirst.events.privacy;

import com.google.crypto.tink.Aead;
import java.util.Collection;
import java.util.Optional;

/** Where the members' data keys live (envelope encryption: each stored wrapped by a key-encryption key). */
public interface DataKeys {
    /** The member's key for this purpose; empty when they have none yet, when it was erased, or when not granted. */
    Optional<Aead> find(String memberId, KeyPurpose purpose);

    /** A member's key of one purpose, about to be needed. */
    record Wanted(String memberId, KeyPurpose purpose) {
    }

    /**
     * Loads at once the keys a batch of values will need, so that sealing or opening them makes one round trip
     * instead of one per member; a hint, which a store without round trips may ignore.
     */
    default void prefetch(Collection<Wanted> keys) {
    }

    /**
     * For a writer: the member's key, created the first time it is needed; empty once the member has been erased
     * (an erased member's key is never created again).
     *
     * @throws UnsupportedOperationException where keys are only read: sealing there would shred what it cannot seal
     */
    default Optional<Aead> obtain(String memberId, KeyPurpose purpose) {
        throw new UnsupportedOperationException("these data keys are read-only: nothing can be sealed with them");
    }
}
