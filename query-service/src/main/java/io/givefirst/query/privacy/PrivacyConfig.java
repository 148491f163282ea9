package io.givefirst.query.privacy;

import com.mongodb.client.MongoClient;
import io.givefirst.events.privacy.KeyWrapping;
import io.givefirst.events.privacy.Sealing;
import io.givefirst.shared.privacy.KeyEncryptionKeys;
import io.givefirst.shared.privacy.MongoDataKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The members' data keys, read only (ADR 16): the query-service never creates a key, and reads the key-encryption
 * key files only when it first meets a sealed value (the command-service creates them).
 */
@Configuration(proxyBeanMethods = false)
class PrivacyConfig {

    @Bean
    MongoDataKeys dataKeys(MongoClient client, @Value("${givefirst.privacy.keys-database}") String database,
                           @Value("${givefirst.privacy.personal-kek}") String personalKek,
                           @Value("${givefirst.privacy.private-kek}") String privateKek) {
        KeyWrapping wrapping = new KeyWrapping(KeyEncryptionKeys.forReader(personalKek, "GIVEFIRST_PERSONAL_KEK"),
                KeyEncryptionKeys.forReader(privateKek, "GIVEFIRST_PRIVATE_KEK"));
        return MongoDataKeys.forReader(client.getDatabase(database), wrapping);
    }

    @Bean
    Sealing sealing(MongoDataKeys dataKeys) {
        return new Sealing(dataKeys);
    }
}
