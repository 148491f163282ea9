package io.givefirst.shared.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyEncryptionKeysTest {
    private static final byte[] CONTEXT = "member alice".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aMissingSettingStopsStartUpNamingIt() {
        assertThatThrownBy(() -> KeyEncryptionKeys.forWriter(" ", "GIVEFIRST_PERSONAL_KEK"))
                .hasMessageContaining("GIVEFIRST_PERSONAL_KEK is not set");
        assertThatThrownBy(() -> KeyEncryptionKeys.forReader(null, "GIVEFIRST_PRIVATE_KEK"))
                .hasMessageContaining("GIVEFIRST_PRIVATE_KEK is not set");
    }

    @Test
    void aKmsWithoutItsClientInThisProcessIsRefusedSayingWhatToAdd() {
        assertThatThrownBy(() -> KeyEncryptionKeys.forWriter("aws-kms://arn:aws:kms:eu-west-1:1:key/k", "GIVEFIRST_PERSONAL_KEK"))
                .hasMessageContaining("no KMS client").hasMessageContaining("tink-awskms");
    }

    @Test
    void aReaderStartedBeforeTheWriterCreatedTheFileOpensWhatTheWriterSealsOnceItExists() throws Exception {
        Path file = dir.resolve("keys").resolve("personal.json");
        Aead reader = KeyEncryptionKeys.forReader("file:" + file, "GIVEFIRST_PERSONAL_KEK");
        assertThatThrownBy(() -> reader.decrypt(new byte[40], CONTEXT)).hasMessageContaining("no key-encryption key");
        assertThat(file).doesNotExist();

        Aead writer = KeyEncryptionKeys.forWriter(file.toString(), "GIVEFIRST_PERSONAL_KEK");
        byte[] sealed = writer.encrypt("data key".getBytes(StandardCharsets.UTF_8), CONTEXT);
        assertThat(new String(reader.decrypt(sealed, CONTEXT), StandardCharsets.UTF_8)).isEqualTo("data key");
    }
}
