package io.givefirst.command.config;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP only while the event store's database answers a ping. */
@Component("mongoHealthIndicator")
class MongoHealthIndicator implements HealthIndicator {
    private final MongoDatabase database;

    MongoHealthIndicator(MongoDatabase commandDatabase) {
        this.database = commandDatabase;
    }

    @Override
    public Health health() {
        try {
            database.runCommand(new Document("ping", 1));
            return Health.up().withDetail("database", database.getName()).build();
        } catch (RuntimeException e) {
            return Health.down(e).build();
        }
    }
}
