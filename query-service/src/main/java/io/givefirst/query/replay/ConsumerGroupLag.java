package io.givefirst.query.replay;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
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

    /**
     * For each consumer group, partition → (committed offset, end offset). The topic's end offsets are read once
     * for all groups. A group is absent when the broker does not answer for it.
     */
    Map<String, Map<Integer, long[]>> of(Collection<String> groups) {
        Map<String, Map<Integer, long[]>> lags = new LinkedHashMap<>();
        Map<TopicPartition, Long> ends;
        try {
            ends = endOffsets();
        } catch (Exception e) {
            return lags;
        }
        for (String group : groups) {
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                lags.put(group, ends.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(),
                        e -> new long[] {committed.get(e.getKey()) != null ? committed.get(e.getKey()).offset() : 0,
                                e.getValue()})));
            } catch (Exception e) {
                // this group's position is unknown right now; the others are still worth showing
            }
        }
        return lags;
    }

    /** Whether this consumer group has ever committed an offset (of any topic). Throws when the broker does not answer. */
    boolean hasCommitted(String group) throws Exception {
        return !admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).isEmpty();
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(5, TimeUnit.SECONDS).get(topic).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
