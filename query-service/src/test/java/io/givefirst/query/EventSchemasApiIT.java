package io.givefirst.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An analyst with no account reads the stream's contract over HTTP. */
class EventSchemasApiIT extends QueryApiTestBase {

    @Test
    void everyTypeAndItsSchemaAreServedWithoutAToken() {
        JsonNode list = json.readTree(http.get("/events/schemas", null).body());
        assertThat(list).extracting(t -> t.get("type").asString())
                .contains("givefirst.help.given.v1", "givefirst.member.joined.v2", "givefirst.member.joined.v1");
        assertThat(list).filteredOn(t -> t.get("type").asString().equals("givefirst.member.joined.v1"))
                .singleElement().satisfies(t -> assertThat(t.get("current").asBoolean()).isFalse());

        HttpResponse<String> schema = http.get("/events/schemas/givefirst.help.given.v1", null);
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/schema+json"));
        assertThat(json.readTree(schema.body()).at("/properties/kind/enum").toString()).contains("FEEDBACK");

        HttpResponse<String> unknown = http.get("/events/schemas/givefirst.help.hugged.v1", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).get("rule").asString()).isEqualTo("unknown-event-type");
    }
}
