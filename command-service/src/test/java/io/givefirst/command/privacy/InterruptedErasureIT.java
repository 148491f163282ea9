package io.givefirst.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.givefirst.command.support.ApiTestBase;
import io.givefirst.events.member.MemberErasedEvent;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.privacy.Sealing;
import io.givefirst.shared.privacy.MongoDataKeys;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An erasure interrupted between its two steps (ADR 16: keys first, then the event) — the state a crash of
 * command-service right after the key deletion leaves: the member is already unreadable everywhere, the erasure not
 * yet recorded, and asking again records it once.
 */
class InterruptedErasureIT extends ApiTestBase {
    @Autowired
    MongoDataKeys dataKeys;
    @Autowired
    Sealing sealing;

    private List<String> storedDisplayNames(String member) {
        return storedEvents().find(Filters.and(Filters.eq("aggregateIdentifier", member),
                        Filters.eq("payloadType", MemberJoinedEvent.class.getName())))
                .map((Document d) -> json.readTree(String.valueOf(d.get("serializedPayload"))).get("displayName")
                        .asString()).into(new java.util.ArrayList<>());
    }

    @Test
    void anErasureCutOffAfterTheKeysAreGoneLeavesNothingReadableAndIsRecordedWhenAskedAgain() {
        String ida = "ida-" + UUID.randomUUID();
        assertThat(http.post("/members", token(ida), "{\"displayName\":\"Ida Marker\"}").statusCode()).isEqualTo(201);
        List<String> sealedNames = storedDisplayNames(ida);
        assertThat(sealedNames).singleElement().satisfies(name -> assertThat(sealing.open(name)).contains("Ida Marker"));

        dataKeys.erase(ida); // the first step alone: the process stops here

        assertThat(sealing.open(sealedNames.get(0))).as("unreadable before the erasure is recorded").isEmpty();
        assertThat(storedEvents().countDocuments(Filters.and(Filters.eq("aggregateIdentifier", ida),
                Filters.eq("payloadType", MemberErasedEvent.class.getName())))).isZero();

        HttpResponse<String> again = http.post("/members/me/erasure", token(ida), null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(storedEvents().countDocuments(Filters.and(Filters.eq("aggregateIdentifier", ida),
                Filters.eq("payloadType", MemberErasedEvent.class.getName())))).isEqualTo(1);
        assertProblem(http.post("/members/me/erasure", token(ida), null), 409, "member-erased");
        assertProblem(http.post("/members/me/needs", token(ida), "{\"description\":\"anything\",\"tags\":[\"x\"]}"),
                409, "member-left");
    }
}
