package io.givefirst.command.relay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how the relay publishes the event store.
 *
 * @param topic      the analysts' topic
 * @param partitions partitions when the platform creates the topic (events of one aggregate share one)
 * @param replicas   replication factor when the platform creates the topic
 * @param source       the CloudEvents {@code source} of every record
 * @param pageSize     events read and published at a time
 * @param pollInterval how often the relay looks for events stored by another instance (its own it sees at once)
 * @param lease        how long an instance relays without renewing before another may take over
 */
@ConfigurationProperties("givefirst.relay")
public record RelayProperties(@DefaultValue("givefirst.events") String topic,
                              @DefaultValue("3") int partitions,
                              @DefaultValue("1") short replicas,
                              @DefaultValue("/givefirst/command-service") String source,
                              @DefaultValue("500") int pageSize,
                              @DefaultValue("PT0.1S") java.time.Duration pollInterval,
                              @DefaultValue("PT30S") java.time.Duration lease) {
}
