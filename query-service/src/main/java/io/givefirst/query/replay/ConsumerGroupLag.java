package io.givefirst.query.replay;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * A live projection's lag as the broker sees it: log end offset minus the offset its consumer group committed,
 * per partition. Unlike the consumer's own gauge it is exact at any moment, e.g. right after a re-publish.
 */
@Component
class ConsumerGroupLag implements DisposableBean {
    private final AdminClient admin;
    private final String topic;

    ConsumerGroupLag(KafkaAdmin kafkaAdmin, @Value("${givefirst.topic}") String topic) {
        this.admin = AdminClient.create(kafkaAdmin.getConfigurationProperties());
        this.topic = topic;
    }

    /** Partition → (committed offset, end offset); empty when the broker does not answer. */
    Map<Integer, long[]> of(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(java.util.List.of(topic)).allTopicNames()
                    .get(5, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(5, TimeUnit.SECONDS);
            return ends.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(), e -> new long[] {
                    committed.containsKey(e.getKey()) && committed.get(e.getKey()) != null
                            ? committed.get(e.getKey()).offset() : 0, e.getValue().offset()}));
        } catch (Exception e) {
            return Map.of();
        }
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
