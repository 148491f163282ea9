package io.givefirst.query.replay;

import io.givefirst.query.stream.RetryThenPark;
import java.util.Properties;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.stereotype.Component;

/**
 * The listener container a {@link Rebuild} reads the stream with: from the service's listener container factory
 * (the same servers, security and deserializers as the live consumers), every partition of the topic assigned and
 * read from its beginning, no consumer group (nothing is committed: a rebuild that stops is started again from
 * scratch), one consumer, larger polls than live, an idle event every half second, and the live consumers' error
 * handling parking in the dead letters of the generation being built — a failed record is retried in place (no
 * seek, so no commit is attempted), and each failed delivery lets the rebuild check its cancel and lease.
 */
@Component
class RebuildContainers {
    private static final long IDLE_EVENT_MILLIS = 500;
    private static final long POLL_TIMEOUT_MILLIS = 200;
    private final ConcurrentKafkaListenerContainerFactory<String, byte[]> factory;
    private final KafkaAdmin admin;
    private final RetryThenPark retryThenPark;
    private final String topic;

    @SuppressWarnings("unchecked")
    RebuildContainers(ConcurrentKafkaListenerContainerFactory<?, ?> factory, KafkaAdmin admin,
                      RetryThenPark retryThenPark, @Value("${givefirst.topic}") String topic) {
        this.factory = (ConcurrentKafkaListenerContainerFactory<String, byte[]>) factory;
        if (factory.getConsumerFactory().getConfigurationProperties().get(ConsumerConfig.GROUP_ID_CONFIG) != null) {
            throw new IllegalStateException("rebuilds read without a consumer group: remove spring.kafka.consumer.group-id "
                    + "(each projection's listener names its own group)");
        }
        this.admin = admin;
        this.retryThenPark = retryThenPark;
        this.topic = topic;
    }

    /** A stopped container that delivers the whole stream to this rebuild. */
    ConcurrentMessageListenerContainer<String, byte[]> of(Rebuild rebuild) {
        TopicDescription described = admin.describeTopics(topic).get(topic);
        TopicPartitionOffset[] partitions = described.partitions().stream()
                .map(p -> new TopicPartitionOffset(topic, p.partition(), TopicPartitionOffset.SeekPosition.BEGINNING))
                .toArray(TopicPartitionOffset[]::new);
        ConcurrentMessageListenerContainer<String, byte[]> container = factory.createContainer(partitions);
        String name = "rebuild-" + rebuild.projection + "-g" + rebuild.generation;
        container.setBeanName(name);
        container.setConcurrency(1);
        ContainerProperties properties = container.getContainerProperties();
        properties.setGroupId(null);
        properties.setClientId(name);
        properties.setAckMode(ContainerProperties.AckMode.MANUAL);
        Properties overrides = new Properties();
        overrides.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        overrides.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.setKafkaConsumerProperties(overrides);
        properties.setPollTimeout(POLL_TIMEOUT_MILLIS);
        properties.setIdleEventInterval(IDLE_EVENT_MILLIS);
        properties.setIdleBeforeDataMultiplier(1.0);
        DefaultErrorHandler errors = retryThenPark.parkingIn(rebuild.projection, rebuild.generation);
        errors.setSeekAfterError(false);
        errors.setRetryListeners((record, failure, attempt) -> rebuild.failedDelivery());
        container.setCommonErrorHandler(errors);
        container.setupMessageListener(rebuild);
        container.setApplicationEventPublisher(event -> {
            if (event instanceof ListenerContainerIdleEvent idle) {
                rebuild.idle(idle);
            } else if (event instanceof ConsumerStoppedEvent stopped) {
                rebuild.consumerStopped(stopped);
            }
        });
        return container;
    }
}
