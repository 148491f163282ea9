package io.givefirst.shared.health;

import com.mongodb.client.MongoDatabase;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.bson.Document;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Both services' health, one home: UP only while their Kafka cluster answers (the relay cannot publish, projections
 * cannot advance otherwise) and their own database answers a ping. Details only for an admin (the services'
 * {@code management.endpoint.health.show-details}).
 */
@Configuration(proxyBeanMethods = false)
public class ServiceHealth {

    @Bean
    HealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealth(AdminClient.create(kafkaAdmin.getConfigurationProperties()));
    }

    @Bean
    HealthIndicator mongoHealthIndicator(MongoDatabase database) {
        return () -> {
            try {
                database.runCommand(new Document("ping", 1));
                return Health.up().withDetail("database", database.getName()).build();
            } catch (RuntimeException e) {
                return Health.down(e).build();
            }
        };
    }

    private record KafkaHealth(AdminClient admin) implements HealthIndicator, DisposableBean {
        @Override
        public Health health() {
            try {
                var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000));
                String clusterId = cluster.clusterId().get(3, TimeUnit.SECONDS);
                int nodes = cluster.nodes().get(3, TimeUnit.SECONDS).size();
                return Health.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes).build();
            } catch (Exception e) {
                return Health.down(e).build();
            }
        }

        @Override
        public void destroy() {
            admin.close();
        }
    }
}
