package io.givefirst.events.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * A key-encryption key of the embedded default: a Tink keyset in a local file, readable by its owner only. Whoever
 * holds this file and the key collection can read the members' data it covers, so in production the key-encryption
 * keys are KMS keys instead (README {@code ## Privacy}).
 */
public final class LocalKeyEncryptionKey {
    private LocalKeyEncryptionKey() {
    }

    /** The key in {@code file}; a missing file is an error (a reader must never start with a key of its own). */
    public static Aead load(Path file) {
        try {
            AeadConfig.register();
            return KeyWrapping.primitive(TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file),
                    InsecureSecretKeyAccess.get()));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no key-encryption key at " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key-encryption key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " is not a Tink AEAD keyset", e);
        }
    }

    /**
     * The key in {@code file}, created there first (mode 0600) if there is none. Two processes creating it at once
     * end with one key: the file appears whole, by a hard link that fails when another process linked first.
     */
    public static Aead loadOrCreate(Path file) {
        try {
            AeadConfig.register();
            if (!Files.exists(file)) {
                create(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the key-encryption key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a key-encryption key", e);
        }
        return load(file);
    }

    private static void create(Path file) throws IOException, GeneralSecurityException {
        String keyset = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(KeyTemplates.get("AES256_GCM")), InsecureSecretKeyAccess.get());
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, file.getFileName().toString(), ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(partial, keyset);
            Files.createLink(file, partial);
        } catch (FileAlreadyExistsException e) {
            // another process created it first: theirs is the key
        } finally {
            Files.delete(partial);
        }
    }
}
