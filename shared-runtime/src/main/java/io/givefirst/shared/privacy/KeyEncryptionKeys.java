package io.givefirst.shared.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClients;
import io.givefirst.events.privacy.LocalKeyEncryptionKey;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.function.Supplier;

/**
 * Where a key-encryption key comes from, named by one setting: a KMS key URI ({@code aws-kms://…},
 * {@code gcp-kms://…}, anything a Tink {@link com.google.crypto.tink.KmsClient} registered in this process with
 * {@link KmsClients#add} handles — production), or a local Tink keyset file ({@code file:/path} or a bare path — the
 * embedded default).
 */
public final class KeyEncryptionKeys {
    private KeyEncryptionKeys() {
    }

    /** For the writer: a local key file is created when there is none (the embedded default's first start). */
    public static Aead forWriter(String setting, String name) {
        String location = required(setting, name);
        return isKms(location) ? kms(location, name) : LocalKeyEncryptionKey.loadOrCreate(localPath(location));
    }

    /**
     * For a reader: never creates a key. A local file is read when first needed, not at start-up: a reader may
     * start before the writer has created the file (docker-compose starts both at once), and until then it has
     * nothing sealed to open.
     */
    public static Aead forReader(String setting, String name) {
        String location = required(setting, name);
        if (isKms(location)) {
            return kms(location, name);
        }
        Path file = localPath(location);
        return new Deferred(() -> LocalKeyEncryptionKey.load(file));
    }

    private static String required(String setting, String name) {
        if (setting == null || setting.isBlank()) {
            throw new IllegalStateException(name + " is not set: give the key-encryption key's location, a KMS key "
                    + "URI or a local key file (README ## Privacy)");
        }
        return setting.trim();
    }

    private static boolean isKms(String location) {
        return location.contains("://") && !location.startsWith("file:");
    }

    private static Path localPath(String location) {
        return Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
    }

    private static Aead kms(String uri, String name) {
        try {
            return KmsClients.get(uri).getAead(uri);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name + "=" + uri + ": no KMS client for it in this process; add Tink's "
                    + "client for that KMS (tink-awskms, tink-gcpkms) and register it with KmsClients.add", e);
        }
    }

    /** Loads the key on first use and keeps it once loaded; a failed load is tried again at the next use. */
    private static final class Deferred implements Aead {
        private final Supplier<Aead> load;
        private volatile Aead key;

        Deferred(Supplier<Aead> load) {
            this.load = load;
        }

        private Aead key() {
            Aead loaded = key;
            if (loaded == null) {
                synchronized (this) {
                    if (key == null) {
                        key = load.get();
                    }
                    loaded = key;
                }
            }
            return loaded;
        }

        @Override
        public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
            return key().encrypt(plaintext, associatedData);
        }

        @Override
        public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
            return key().decrypt(ciphertext, associatedData);
        }
    }
}
