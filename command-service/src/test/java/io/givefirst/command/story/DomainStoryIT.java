package io.givefirst.command.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.givefirst.command.support.ApiTestBase;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.givefirst.events.wire.CloudEventHeaders;
import io.givefirst.events.wire.EventSchemas;
import io.givefirst.local.infra.TopicReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The README's story through HTTP, with its events checked on Kafka: two members meet at a gathering, one asks
 * for the other's card, one helps the other with feedback on a need, introduces them to a third, both accept,
 * the introduced pair meet — and the introduction becomes fruitful.
 */
class DomainStoryIT extends ApiTestBase {
    @Value("${givefirst.relay.topic}")
    String topic;

    private String created(HttpResponse<String> response, String idField) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return body(response).get(idField).asString();
    }

    private void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    }

    @Test
    void anIntroductionLivesFromPendingToFruitfulAndEveryActReachesTheStream() {
        String alice = joined("Alice");
        String bob = joined("Bob");
        String carol = joined("Carol");

        String breakfast = created(http.post("/meetings", token(alice), "{\"withMemberId\":\"" + bob
                + "\",\"metAt\":\"" + java.time.Instant.now().minus(java.time.Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + "\",\"context\":\"Climate founders breakfast\","
                + "\"privateNote\":\"Bob is raising a seed round\"}"), "meetingId");
        ok(http.post("/meetings/" + breakfast + "/confirmation", token(bob), null));
        ok(http.post("/members/" + bob + "/card-requests", token(alice), null));
        String need = created(http.post("/members/me/needs", token(bob),
                "{\"description\":\"Honest feedback on my pitch deck\",\"tags\":[\"pitch\"]}"), "needId");
        String help = created(http.post("/help", token(alice), "{\"receiverId\":\"" + bob
                + "\",\"kind\":\"FEEDBACK\",\"summary\":\"Went through the deck slide by slide\",\"answersNeedId\":\""
                + need + "\"}"), "helpId");
        ok(http.post("/help/" + help + "/acknowledgement", token(bob), "{\"thanks\":\"It changed my pitch\"}"));
        ok(http.post("/meetings/" + breakfast + "/follow-ups", token(alice), "{\"privateNote\":\"Sent investor list\"}"));

        String introduction = created(http.post("/introductions", token(alice), "{\"firstMemberId\":\"" + bob
                + "\",\"secondMemberId\":\"" + carol + "\",\"reason\":\"Bob builds batteries; Carol invests in storage\"}"),
                "introductionId");
        assertProblem(http.post("/meetings", token(bob), "{\"withMemberId\":\"" + carol + "\",\"introductionId\":\""
                + introduction + "\"}"), 409, "introduction-not-open");
        ok(http.post("/introductions/" + introduction + "/acceptance", token(bob), null));
        ok(http.post("/introductions/" + introduction + "/acceptance", token(carol), null));
        String coffee = created(http.post("/meetings", token(carol), "{\"withMemberId\":\"" + bob
                + "\",\"context\":\"Coffee\",\"introductionId\":\"" + introduction + "\"}"), "meetingId");

        try (TopicReader reader = new TopicReader(stack.broker.bootstrapServers(), topic)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(typesOf(reader.poll(), introduction))
                    .containsExactly("givefirst.introduction.made.v1", "givefirst.introduction.accepted.v1",
                            "givefirst.introduction.accepted.v1", "givefirst.introduction.opened.v1",
                            "givefirst.introduction.fruitful.v1"));
            List<ConsumerRecord<String, byte[]>> all = reader.poll();
            assertThat(typesOf(all, breakfast)).containsExactly("givefirst.meeting.recorded.v1",
                    "givefirst.meeting.confirmed.v1", "givefirst.meeting.followed-up.v1");
            assertThat(typesOf(all, bob)).containsExactly("givefirst.member.joined.v2",
                    "givefirst.member.card-requested.v1", "givefirst.member.need-posted.v1");
            assertThat(typesOf(all, help)).containsExactly("givefirst.help.given.v1", "givefirst.help.acknowledged.v1");
            assertThat(typesOf(all, coffee)).containsExactly("givefirst.meeting.recorded.v1");
            String fruitful = all.stream().filter(r -> r.key().equals(introduction)).reduce((a, b) -> b)
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8)).orElseThrow();
            assertThat(fruitful).contains("\"meetingId\":\"" + coffee + "\"", "\"introducerId\":\"" + alice + "\"");
            assertThat(Set.copyOf(typesOf(all, carol))).containsExactly("givefirst.member.joined.v2");
            everyValueValidatesAgainstItsSchema(all.stream()
                    .filter(r -> Set.of(alice, bob, carol, breakfast, coffee, help, introduction).contains(r.key()))
                    .toList());
        }
    }

    /** The analysts' contract: every record's JSON value validates against the published schema of its ce_type. */
    private static void everyValueValidatesAgainstItsSchema(List<ConsumerRecord<String, byte[]>> records) {
        SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        assertThat(records).hasSizeGreaterThan(10);
        for (ConsumerRecord<String, byte[]> record : records) {
            String type = new String(record.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8);
            Schema schema = schemas.getSchema(EventSchemas.published(type).orElseThrow(() -> new AssertionError("no schema for " + type)));
            assertThat(schema.validate(json.readTree(record.value()))).as(type).isEmpty();
        }
    }

    private static List<String> typesOf(List<ConsumerRecord<String, byte[]>> records, String aggregateId) {
        return records.stream().filter(r -> r.key().equals(aggregateId))
                .map(r -> new String(r.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8))
                .toList();
    }
}
