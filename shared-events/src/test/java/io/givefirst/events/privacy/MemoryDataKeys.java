package io.givefirst.events.privacy;

import com.google.crypto.tink.Aead;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Data keys kept wrapped in a map, as the key collection keeps them; erasure leaves a tombstone. */
final class MemoryDataKeys implements DataKeys {
    private final KeyWrapping wrapping;
    final Map<String, byte[]> wrapped = new ConcurrentHashMap<>();
    private final Set<String> erased = new HashSet<>();
    /** What each prefetch asked for. */
    final java.util.List<java.util.Collection<Wanted>> prefetched = new java.util.ArrayList<>();

    MemoryDataKeys(Path keyFolder) {
        this(new KeyWrapping(LocalKeyEncryptionKey.loadOrCreate(keyFolder.resolve("personal.json")),
                LocalKeyEncryptionKey.loadOrCreate(keyFolder.resolve("private.json"))));
    }

    MemoryDataKeys(KeyWrapping wrapping) {
        this.wrapping = wrapping;
    }

    @Override
    public Optional<Aead> find(String memberId, KeyPurpose purpose) {
        if (!wrapping.holds(purpose)) {
            return Optional.empty();
        }
        return Optional.ofNullable(wrapped.get(purpose + memberId)).map(w -> wrapping.unwrap(memberId, purpose, w));
    }

    @Override
    public void prefetch(java.util.Collection<Wanted> keys) {
        prefetched.add(keys);
    }

    @Override
    public Optional<Aead> obtain(String memberId, KeyPurpose purpose) {
        if (erased.contains(memberId)) {
            return Optional.empty();
        }
        return find(memberId, purpose).or(() -> {
            KeyWrapping.NewKey key = wrapping.generate(memberId, purpose);
            wrapped.put(purpose + memberId, key.wrapped());
            return Optional.of(key.key());
        });
    }

    void erase(String memberId) {
        erased.add(memberId);
        for (KeyPurpose purpose : KeyPurpose.values()) {
            wrapped.remove(purpose + memberId);
        }
    }
}
