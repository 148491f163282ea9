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

    @Test
    void theAsyncApiDocumentDescribesEveryTypeWithTheSchemaServedForIt() {
        HttpResponse<String> served = http.get("/events/asyncapi.json", null);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode asyncApi = json.readTree(served.body());
        assertThat(asyncApi.get("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(asyncApi.at("/channels/events/address").asString()).isEqualTo("givefirst.events");
        JsonNode list = json.readTree(http.get("/events/schemas", null).body());
        assertThat(asyncApi.at("/components/messages").propertyNames())
                .containsExactlyElementsOf(list.valueStream().map(t -> t.get("type").asString()).toList());
        JsonNode schema = json.readTree(http.get("/events/schemas/givefirst.help.given.v1", null).body());
        assertThat(asyncApi.at("/components/messages/givefirst.help.given.v1/payload/properties"))
                .isEqualTo(schema.get("properties"));
    }
}
