package io.givefirst.command.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.givefirst.command.relay.RelayStorageStrategy;
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
import org.bson.Document;
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
     * The store's unique (aggregateIdentifier, sequenceNumber) index is what makes concurrent writers safe; every
     * event is stored unrelayed, for the relay to find (ADR 12).
     */
    @Bean
    EventStorageEngine eventStorageEngine(MongoTemplate axonMongoTemplate,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Serializer serializer,
                                          @Value("${givefirst.event-store.fetch-size:1000}") int fetchSize) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .storageStrategy(new RelayStorageStrategy())
                // events per read of an aggregate's stream: Axon reads 100
                .batchSize(fetchSize)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .build();
        engine.ensureIndexes();
        return engine;
    }

    /**
     * Recently used aggregates stay in memory, so a command on one does not read its events back from the store
     * (ADR 10); each use first checks the store for an event appended meanwhile by another instance. {@code givefirst.aggregate-cache.capacity}: how many, default 10 000; named by every {@code @Aggregate}.
     */
    @Bean
    Cache aggregateCache(@Value("${givefirst.aggregate-cache.capacity:10000}") int capacity, MongoDatabase commandDatabase) {
        MongoCollection<Document> events = commandDatabase.getCollection("domainevents");
        return new AggregateCache(capacity, (aggregateId, version) -> events.find(Filters.and(
                        Filters.eq("aggregateIdentifier", aggregateId), Filters.eq("sequenceNumber", version + 1)))
                .projection(Projections.include("_id")).limit(1).first() != null);
    }

    /** No processor here tracks today (the relay keeps its place in the store, ADR 12); one added later keeps its token. */
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
     * Axon's default error handler logs and skips a failing event: the lookups must not (a command must fail if its
     * lookup is not updated).
     */
    @Bean
    ConfigurerModule propagateHandlerErrors() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(Lookups.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
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
