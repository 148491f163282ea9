package io.givefirst.command.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.givefirst.command.support.ApiTestBase;
import io.givefirst.shared.consistency.ConsistencyToken;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every write that stored events answers a Consistency-Token naming exactly what it stored. */
class ConsistencyTokenIT extends ApiTestBase {

    @Test
    void aWriteAnswersTheLastSequenceItStoredOfEachAggregate() {
        String alice = joined("Alice");
        String bob = joined("Bob");

        HttpResponse<String> given = http.post("/help", token(alice),
                "{\"receiverId\":\"" + bob + "\",\"kind\":\"IDEA\",\"summary\":\"A venue for the meetup\"}");
        String helpId = body(given).get("helpId").asString();
        assertThat(positions(given)).isEqualTo(stored(helpId)).isEqualTo(Map.of(helpId, 0L));

        HttpResponse<String> acknowledged = http.post("/help/" + helpId + "/acknowledgement", token(bob), "{}");
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        assertThat(positions(acknowledged)).isEqualTo(stored(helpId)).isEqualTo(Map.of(helpId, 1L));

        HttpResponse<String> renamed = http.put("/members/me/profile", token(alice), "{\"displayName\":\"Alice B\"}");
        assertThat(positions(renamed)).isEqualTo(stored(alice));
    }

    @Test
    void aRetriedWriteAnswersTheFirstAnswersTokenAndARejectedOneNone() {
        String alice = joined("Alice");
        String bob = joined("Bob");
        String help = "{\"receiverId\":\"" + bob + "\",\"kind\":\"IDEA\",\"summary\":\"An idea\"}";
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        HttpResponse<String> first = http.post("/help", token(alice), help, key);
        HttpResponse<String> retry = http.post("/help", token(alice), help, key);

        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(retry.headers().firstValue(ConsistencyToken.HEADER)).isPresent()
                .isEqualTo(first.headers().firstValue(ConsistencyToken.HEADER));
        HttpResponse<String> toOneself = http.post("/help", token(alice),
                "{\"receiverId\":\"" + alice + "\",\"kind\":\"IDEA\",\"summary\":\"Self help\"}");
        assertProblem(toOneself, 400, "help-to-oneself");
        assertThat(toOneself.headers().firstValue(ConsistencyToken.HEADER)).isEmpty();
    }

    private static Map<String, Long> positions(HttpResponse<String> write) {
        assertThat(write.statusCode()).as(write.body()).isBetween(200, 299);
        return ConsistencyToken.parse(write.headers().firstValue(ConsistencyToken.HEADER).orElseThrow()).positions();
    }

    private Map<String, Long> stored(String aggregate) {
        Map<String, Long> last = new HashMap<>();
        storedEvents().find(Filters.eq("aggregateIdentifier", aggregate)).forEach(event ->
                last.merge(aggregate, ((Number) event.get("sequenceNumber")).longValue(), Math::max));
        return last;
    }
}
