package io.givefirst.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.givefirst.command.support.ApiTestBase;
import io.givefirst.command.support.OpenedRecords;
import io.givefirst.events.privacy.Sealing;
import io.givefirst.local.infra.TopicReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * What a member writes is stored and published sealed (ADR 16): no copy of a name, a headline, a summary or a private
 * note is readable in any document of the command database or in any record on the topic, while a holder of the
 * keys reads every one of them.
 */
class PersonalDataAtRestIT extends ApiTestBase {
    @Autowired
    Sealing sealing;
    @Value("${givefirst.relay.topic}")
    String topic;

    @Test
    void nothingAMemberWroteIsReadableInTheStoreOrOnTheTopic() {
        // '~' is not in base64url, so no ciphertext can contain the marker by chance
        String marker = "~" + UUID.randomUUID().toString().substring(0, 8);
        String name = "Quentin " + marker;
        String headline = "Grows oyster mushrooms " + marker;
        String note = "owes me lunch " + marker;
        String summary = "spore supplier list " + marker;
        String quentin = "quentin-" + UUID.randomUUID();
        String rosa = joined("Rosa");
        HttpResponse<String> joined = http.post("/members", token(quentin), "{\"displayName\":\"" + name
                + "\",\"headline\":\"" + headline + "\",\"interests\":[\"fungi " + marker + "\"]}");
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
        HttpResponse<String> met = http.post("/meetings", token(quentin), "{\"withMemberId\":\"" + rosa
                + "\",\"context\":\"market " + marker + "\",\"privateNote\":\"" + note + "\"}");
        assertThat(met.statusCode()).as(met.body()).isEqualTo(201);
        HttpResponse<String> helped = http.post("/help", token(quentin), "{\"receiverId\":\"" + rosa
                + "\",\"kind\":\"RESOURCE\",\"summary\":\"" + summary + "\"}");
        assertThat(helped.statusCode()).as(helped.body()).isEqualTo(201);

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (TopicReader reader = new TopicReader(stack.broker.bootstrapServers(), topic)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                records.clear();
                records.addAll(reader.poll());
                assertThat(records.stream().map(OpenedRecords::raw).filter(v -> v.contains(quentin))).hasSize(3);
            });
        }
        List<ConsumerRecord<String, byte[]>> quentins = records.stream()
                .filter(r -> OpenedRecords.raw(r).contains(quentin)).toList();

        assertThat(quentins).as("on the topic").allSatisfy(r -> assertThat(OpenedRecords.raw(r)).doesNotContain(marker));
        assertThat(String.join("\n", quentins.stream().map(r -> OpenedRecords.opened(sealing, r)).toList()))
                .as("opened with the members' keys").contains(name, headline, note, summary);
        List<String> stored = new ArrayList<>();
        for (String collection : mongo.getDatabase(DATABASE).listCollectionNames()) {
            mongo.getDatabase(DATABASE).getCollection(collection).find().forEach((Document d) -> stored.add(d.toJson()));
        }
        assertThat(stored.stream().filter(d -> d.contains(quentin))).as("the store holds the member's events")
                .isNotEmpty();
        assertThat(stored).as("in the command database").noneMatch(d -> d.contains(marker));
    }
}
