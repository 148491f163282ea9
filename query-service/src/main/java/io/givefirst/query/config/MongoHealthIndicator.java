package io.givefirst.query.config;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP only while the read models' database answers a ping. */
@Component("mongoHealthIndicator")
class MongoHealthIndicator implements HealthIndicator {
    private final MongoDatabase database;

    MongoHealthIndicator(MongoDatabase readDatabase) {
        this.database = readDatabase;
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
