package io.givefirst.command.privacy;

import com.mongodb.client.MongoClient;
import io.givefirst.events.privacy.KeyWrapping;
import io.givefirst.events.privacy.Sealing;
import io.givefirst.shared.privacy.KeyEncryptionKeys;
import io.givefirst.shared.privacy.MongoDataKeys;
import java.time.Clock;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The members' data keys (database {@code givefirst.privacy.keys-database}, wrapped by the key-encryption keys
 * {@code givefirst.privacy.personal-kek} and {@code givefirst.privacy.private-kek}) and the store's sealing
 * (ADR 16). The key-encryption keys are required: without them nothing personal could be stored.
 */
@Configuration(proxyBeanMethods = false)
class PrivacyConfig {

    @Bean
    MongoDataKeys dataKeys(MongoClient client, @Value("${givefirst.privacy.keys-database}") String database,
                           @Value("${givefirst.privacy.personal-kek}") String personalKek,
                           @Value("${givefirst.privacy.private-kek}") String privateKek, Clock clock) {
        KeyWrapping wrapping = new KeyWrapping(KeyEncryptionKeys.forWriter(personalKek, "GIVEFIRST_PERSONAL_KEK"),
                KeyEncryptionKeys.forWriter(privateKek, "GIVEFIRST_PRIVATE_KEK"));
        return MongoDataKeys.forWriter(client.getDatabase(database), wrapping, clock);
    }

    @Bean
    Sealing sealing(MongoDataKeys dataKeys) {
        return new Sealing(dataKeys);
    }

    /** Axon builds the event serializer from {@code axon.serializer.events}; the store gets it sealing. */
    @Bean
    static BeanPostProcessor sealingEventSerializer(ObjectProvider<Sealing> sealing) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return "eventSerializer".equals(name) && bean instanceof Serializer serializer
                        ? new SealingSerializer(serializer, sealing.getObject()) : bean;
            }
        };
    }
}
