package io.givefirst.query;

import io.givefirst.events.wire.EventCodec;
import io.givefirst.events.wire.EventEnvelope;
import io.givefirst.local.infra.Http;
import io.givefirst.local.infra.TestStack;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The query service over real HTTP, fed through a real Kafka topic exactly as the relay feeds it. Every
 * subclass shares one application context, topic and database; tests use their own member ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {QueryServiceApplication.CONFIG_NAME, "givefirst.topic=" + QueryApiTestBase.TOPIC,
                "givefirst.mongodb.database=query-api-it",
                // the API tests read the leaderboard right after each change; RecentResultsTest covers the keeping
                "givefirst.leaderboard.refresh=PT0S"})
public abstract class QueryApiTestBase {
    public static final String TOPIC = "query-api-it";
    protected static final TestStack stack = TestStack.shared();
    protected static final JsonMapper json = JsonMapper.builder().build();
    private static final EventCodec codec = new EventCodec();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        stack.serviceEnvironment().forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeAll
    static void topic() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", stack.broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    @LocalServerPort
    protected int port;
    protected Http http;

    @BeforeEach
    void client() {
        http = new Http("http://localhost:" + port);
    }

    /** Publishes events as the relay does: key = aggregate id, CloudEvents headers, JSON value. */
    protected static void publish(List<EventEnvelope> events) {
        publish(TOPIC, events);
    }

    /** As {@link #publish(List)}, to another topic. */
    protected static void publish(String topic, List<EventEnvelope> events) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (EventEnvelope event : events) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.aggregateId(), codec.value(event));
                codec.headers(event).forEach((k, v) -> record.headers().add(new RecordHeader(k, v)));
                producer.send(record);
            }
            producer.flush();
        }
    }

    protected JsonNode get(String path, String asMember) {
        var response = http.get(path, stack.issuer.tokenFor(asMember));
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " → " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body());
    }
}
