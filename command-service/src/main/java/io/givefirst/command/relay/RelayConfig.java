package io.givefirst.command.relay;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
class RelayConfig {

    /** Created at start if missing. Retention is unlimited: the topic is the log that replays read from. */
    @Bean
    NewTopic eventsTopic(RelayProperties relay) {
        return TopicBuilder.name(relay.topic())
                .partitions(relay.partitions())
                .replicas(relay.replicas())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .build();
    }
}
