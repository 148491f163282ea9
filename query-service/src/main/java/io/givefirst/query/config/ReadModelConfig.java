package io.givefirst.query.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReadModelConfig {

    /** The read models' own database; the query service never touches the event store. */
    @Bean
    MongoDatabase readDatabase(MongoClient client, @Value("${givefirst.mongodb.database}") String database) {
        return client.getDatabase(database);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
