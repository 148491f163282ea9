package io.givefirst.events.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Envelope encryption with Tink: a member's data key is a Tink keyset (AES-256-GCM) stored only wrapped by a
 * key-encryption key — local key files in the embedded default, KMS keys in production. Each purpose has its own
 * key-encryption key, so whoever is granted personal data (an analyst) holds only the personal one and can unwrap no
 * private key. The wrapping is bound to the member and purpose, so a wrapped key cannot be moved to another member.
 */
public final class KeyWrapping {
    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Aead personal;
    private final Aead privateOnes;

    /** For the services: both key-encryption keys. */
    public KeyWrapping(Aead personalKeyEncryptionKey, Aead privateKeyEncryptionKey) {
        this.personal = java.util.Objects.requireNonNull(personalKeyEncryptionKey);
        this.privateOnes = privateKeyEncryptionKey;
    }

    /** For a consumer granted personal data: private keys stay out of reach. */
    public static KeyWrapping personalOnly(Aead personalKeyEncryptionKey) {
        return new KeyWrapping(personalKeyEncryptionKey, null);
    }

    /** Whether keys of this purpose can be created and unwrapped here. */
    public boolean holds(KeyPurpose purpose) {
        return keyEncryptionKey(purpose) != null;
    }

    private Aead keyEncryptionKey(KeyPurpose purpose) {
        return purpose == KeyPurpose.PRIVATE ? privateOnes : personal;
    }

    /** A new data key, usable at once, and its wrapped form to store. */
    public record NewKey(Aead key, byte[] wrapped) {
    }

    public NewKey generate(String memberId, KeyPurpose purpose) {
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(KeyTemplates.get("AES256_GCM"));
            byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, required(purpose),
                    binding(memberId, purpose));
            return new NewKey(primitive(keyset), wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a data key for " + memberId, e);
        }
    }

    public Aead unwrap(String memberId, KeyPurpose purpose, byte[] wrapped) {
        try {
            return primitive(TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, required(purpose),
                    binding(memberId, purpose)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the data key of " + memberId + " does not unwrap with this"
                    + " key-encryption key", e);
        }
    }

    private Aead required(KeyPurpose purpose) {
        Aead keyEncryptionKey = keyEncryptionKey(purpose);
        if (keyEncryptionKey == null) {
            throw new IllegalStateException("no key-encryption key for " + purpose + " keys here");
        }
        return keyEncryptionKey;
    }

    static Aead primitive(KeysetHandle keyset) throws GeneralSecurityException {
        return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    private static byte[] binding(String memberId, KeyPurpose purpose) {
        return ("givefirst-data-key:" + purpose.code + ":" + memberId).getBytes(StandardCharsets.UTF_8);
    }
}
