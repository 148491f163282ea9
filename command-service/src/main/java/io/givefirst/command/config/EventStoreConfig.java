package io.givefirst.command.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.givefirst.command.introduction.IntroductionOutcomes;
import io.givefirst.command.relay.EventRelay;
import io.givefirst.events.member.MemberJoinedEventUpcaster;
import java.time.Clock;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * The event store and token store in MongoDB (Axon Mongo extension), wired by hand because the extension has
 * no Spring Boot auto-configuration for the Jackson 3 line.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfig {

    @Bean
    MongoDatabase commandDatabase(MongoClient client, @Value("${givefirst.mongodb.database}") String database) {
        return client.getDatabase(database);
    }

    @Bean
    MongoTemplate axonMongoTemplate(MongoClient client, @Value("${givefirst.mongodb.database}") String database) {
        return DefaultMongoTemplate.builder().mongoDatabase(client, database).build();
    }

    /**
     * The store's unique (aggregateIdentifier, sequenceNumber) index is what makes concurrent writers safe; its
     * (timestamp, sequenceNumber) index serves the relay's and the processes' reads of the store's tail.
     */
    @Bean
    EventStorageEngine eventStorageEngine(MongoTemplate axonMongoTemplate,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Serializer serializer,
                                          @Value("${givefirst.event-store.fetch-size:1000}") int fetchSize) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                // events per read when the relay or a process is behind (a replay, a re-publish): Axon reads 100
                .batchSize(fetchSize)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .build();
        engine.ensureIndexes();
        return engine;
    }

    /**
     * Recently used aggregates stay in memory, so a command on one does not read its events back from the store
     * (ADR 10). {@code givefirst.aggregate-cache.capacity}: how many, default 10 000; named by every {@code @Aggregate}.
     */
    @Bean
    Cache aggregateCache(@Value("${givefirst.aggregate-cache.capacity:10000}") int capacity) {
        return new AggregateCache(capacity);
    }

    @Bean
    TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoTokenStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer).build();
    }

    /** Axon's Jackson 3 serializer must be allowed to read back its own polymorphic tokens (AxonFramework #4160). */
    @Bean
    Jackson3SerializerCustomizer axonTokenTypes() {
        return builder -> builder.polymorphicTypeValidator(
                BasicPolymorphicTypeValidator.builder().allowIfSubType("org.axonframework.").build());
    }

    /**
     * Axon's default error handler logs and skips a failing event. Neither the relay (an event must never be
     * skipped on its way to Kafka), nor the lookups (a command must fail if its lookup is not updated), nor the
     * introduction outcomes (a fruitful introduction must not be missed) may do that.
     */
    @Bean
    ConfigurerModule propagateHandlerErrors() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(EventRelay.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(Lookups.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(IntroductionOutcomes.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }

    /** Old revisions in the store are read as the current ones: aggregates and the relay see only those. */
    @Bean
    MemberJoinedEventUpcaster memberJoinedEventUpcaster() {
        return new MemberJoinedEventUpcaster();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
