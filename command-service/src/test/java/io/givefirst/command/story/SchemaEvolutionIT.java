package io.givefirst.command.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import io.givefirst.command.support.ApiTestBase;
import io.givefirst.command.support.OpenedRecords;
import io.givefirst.events.privacy.Sealing;
import io.givefirst.events.wire.CloudEventHeaders;
import io.givefirst.events.wire.EventSchemas;
import io.givefirst.local.infra.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * A member who joined under revision 1 of {@code MemberJoinedEvent} — stored exactly as the old version wrote
 * it — still loads into its aggregate, and the relay publishes the event as revision 2 (no inviter).
 */
class SchemaEvolutionIT extends ApiTestBase {
    @Autowired
    Sealing sealing;
    @Value("${givefirst.relay.topic}")
    String topic;

    @Test
    void aRevisionOneEventInTheStoreLoadsAndIsPublishedAsRevisionTwo() {
        String template = joined("Template");
        Document stored = storedEvents().find(Filters.eq("aggregateIdentifier", template)).first();
        String veteran = "veteran-" + UUID.randomUUID();
        String v1 = "{\"memberId\":\"" + veteran + "\",\"displayName\":\"Vera\",\"headline\":\"Here since 2025\","
                + "\"interests\":[\"mentoring\"],\"occurredAt\":\"2025-06-01T10:00:00Z\"}";
        Document old = new Document(stored);
        old.remove("_id");
        old.put("aggregateIdentifier", veteran);
        old.put("eventIdentifier", UUID.randomUUID().toString());
        old.put("payloadRevision", "1");
        old.put("serializedPayload", stored.get("serializedPayload") instanceof String ? v1 : Document.parse(v1));
        storedEvents().insertOne(old);

        var update = http.put("/members/me/profile", token(veteran),
                "{\"displayName\":\"Vera\",\"headline\":\"Mentor\",\"interests\":[\"mentoring\"]}");
        assertThat(update.statusCode()).as(update.body()).isEqualTo(200);

        try (TopicReader reader = new TopicReader(stack.broker.bootstrapServers(), topic)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(reader.poll())
                    .filteredOn(r -> r.key().equals(veteran)).hasSize(2));
            ConsumerRecord<String, byte[]> joined = reader.poll().stream().filter(r -> r.key().equals(veteran))
                    .findFirst().orElseThrow();
            assertThat(new String(joined.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8))
                    .isEqualTo("givefirst.member.joined.v2");
            // stored in plaintext (before sealing existed), published sealed: a granted consumer reads it
            assertThat(OpenedRecords.raw(joined)).doesNotContain("Vera", "Here since 2025");
            assertThat(OpenedRecords.opened(sealing, joined)).contains("\"displayName\":\"Vera\"", "\"invitedBy\":null");
            assertThat(EventSchemas.published("givefirst.member.joined.v2")).isPresent();
        }
    }
}
