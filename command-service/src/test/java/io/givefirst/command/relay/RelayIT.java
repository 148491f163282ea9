package io.givefirst.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.givefirst.command.CommandServiceApplication;
import io.givefirst.local.infra.Http;
import io.givefirst.local.infra.TestStack;
import io.givefirst.local.infra.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** The store is the outbox: while Kafka is away events wait in the store, and none is skipped. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {CommandServiceApplication.CONFIG_NAME, "givefirst.mongodb.database=relay-it"})
@DirtiesContext
class RelayIT {
    private static final TestStack stack = TestStack.dedicated();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        stack.serviceEnvironment().forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stopStack() {
        stack.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    TokenStore tokens;
    @Autowired
    EventStorageEngine store;
    @Value("${givefirst.relay.topic}")
    String topic;

    @Test
    void anEventStoredWhileTheBrokerIsDownReachesKafkaWhenItIsBack() {
        Http http = new Http("http://localhost:" + port);
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        http.post("/members", stack.issuer.tokenFor(alice), "{\"displayName\":\"Alice\"}");
        http.post("/members", stack.issuer.tokenFor(bob), "{\"displayName\":\"Bob\"}");
        try (TopicReader reader = new TopicReader(stack.broker.bootstrapServers(), topic)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> reader.poll().size() == 2);
        }

        stack.broker.stop();
        var response = http.post("/help", stack.issuer.tokenFor(alice),
                "{\"receiverId\":\"" + bob + "\",\"kind\":\"RESOURCE\",\"summary\":\"A reading list\"}");
        assertThat(response.statusCode()).as("the store accepts commands while Kafka is down").isEqualTo(201);
        TrackingToken helpEvent = trackingTokenOfNewestEvent();
        var health = http.get("/actuator/health", null);
        assertThat(health.statusCode()).as("not healthy without Kafka").isEqualTo(503);
        assertThat(JsonMapper.builder().build().readTree(health.body()).at("/components/kafka/status").asString())
                .isEqualTo("DOWN");
        // the relay keeps trying; its token must not move past an event Kafka never acknowledged
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .until(() -> !relayTokenCovers(helpEvent));

        stack.broker.start();
        try (TopicReader reader = new TopicReader(stack.broker.bootstrapServers(), topic)) {
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                List<ConsumerRecord<String, byte[]>> records = reader.poll();
                assertThat(records).extracting(ConsumerRecord::key).contains(alice, bob);
                assertThat(records).anySatisfy(r -> assertThat(new String(r.value())).contains("A reading list"));
            });
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> relayTokenCovers(helpEvent));
    }

    private boolean relayTokenCovers(TrackingToken event) {
        TrackingToken relayed = tokens.fetchToken(EventRelay.PROCESSING_GROUP, 0);
        return relayed != null && relayed.covers(event);
    }

    private TrackingToken trackingTokenOfNewestEvent() {
        try (var events = store.readEvents(null, false)) {
            return events.reduce((first, second) -> second).map(TrackedEventMessage::trackingToken).orElseThrow();
        }
    }
}
