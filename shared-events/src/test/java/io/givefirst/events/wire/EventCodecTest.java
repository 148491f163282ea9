package io.givefirst.events.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.help.HelpKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private final EventCodec codec = new EventCodec();
    private final EventEnvelope envelope = new EventEnvelope("e-1", "/givefirst/command-service", "h1", "Help", 0,
            Instant.parse("2026-11-20T10:00:00.123Z"),
            new HelpGivenEvent("h1", "alice", "bob", HelpKind.IDEA, "An idea", "alice", false, null,
                    Instant.parse("2026-11-20T09:59:00Z")));

    @Test
    void aRecordReadsBackAsTheSameEnvelope() {
        assertThat(codec.decode(codec.headers(envelope), codec.value(envelope))).contains(envelope);
    }

    @Test
    void headersFollowTheCloudEventsKafkaBinding() {
        Map<String, String> headers = new HashMap<>();
        codec.headers(envelope).forEach((k, v) -> headers.put(k, new String(v, StandardCharsets.UTF_8)));
        assertThat(headers).containsEntry("ce_specversion", "1.0").containsEntry("ce_id", "e-1")
                .containsEntry("ce_type", "givefirst.help.given.v1").containsEntry("ce_subject", "h1")
                .containsEntry("ce_time", "2026-11-20T09:59:00Z").containsEntry("content-type", "application/json")
                .containsEntry("ce_aggregatetype", "Help").containsEntry("ce_sequence", "0")
                .containsEntry("ce_recordedtime", "2026-11-20T10:00:00.123Z");
    }

    @Test
    void theValueIsThePlainEventJson() {
        String json = new String(codec.value(envelope), StandardCharsets.UTF_8);
        assertThat(json).contains("\"helpId\":\"h1\"", "\"kind\":\"IDEA\"", "\"occurredAt\":\"2026-11-20T09:59:00Z\"");
    }

    @Test
    void revisionOneMemberJoinedRecordsStillOnTheStreamAreRead() {
        EventEnvelope joined = new EventEnvelope("e-2", "/givefirst/command-service", "alice", "Member", 0,
                Instant.parse("2026-01-10T10:00:00Z"), new io.givefirst.events.member.MemberJoinedEvent("alice", "Alice",
                "", java.util.List.of(), null, Instant.parse("2026-01-10T10:00:00Z")));
        Map<String, byte[]> headers = codec.headers(joined);
        assertThat(new String(headers.get("ce_type"), StandardCharsets.UTF_8)).isEqualTo("givefirst.member.joined.v2");
        headers.put("ce_type", "givefirst.member.joined.v1".getBytes(StandardCharsets.UTF_8));
        String v1 = "{\"memberId\":\"alice\",\"displayName\":\"Alice\",\"headline\":\"\",\"interests\":[],"
                + "\"occurredAt\":\"2026-01-10T10:00:00Z\"}";
        assertThat(codec.decode(headers, v1.getBytes(StandardCharsets.UTF_8))).contains(joined);
    }

    @Test
    void typesFromANewerProducerArePassedOver() {
        Map<String, byte[]> headers = codec.headers(envelope);
        headers.put("ce_type", "givefirst.help.hugged.v1".getBytes(StandardCharsets.UTF_8));
        assertThat(codec.decode(headers, "{}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void aKnownTypeThatCannotBeReadIsReportedAsMalformed() {
        assertThatThrownBy(() -> codec.decode(codec.headers(envelope), "{\"helpId\":\"h1\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventCodec.MalformedEventException.class);
        Map<String, byte[]> headers = codec.headers(envelope);
        headers.remove("ce_subject");
        assertThatThrownBy(() -> codec.decode(headers, codec.value(envelope)))
                .isInstanceOf(EventCodec.MalformedEventException.class).hasMessageContaining("ce_subject");
    }

    @Test
    void everyRegisteredEventHasAUniqueVersionedType() {
        assertThat(EventTypes.all()).extracting(EventTypes::typeOf)
                .allMatch(type -> type.matches("givefirst\\.[a-z]+\\.[a-z-]+\\.v\\d+")).doesNotHaveDuplicates();
    }
}
