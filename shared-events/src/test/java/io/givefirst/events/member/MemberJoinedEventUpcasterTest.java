package io.givefirst.events.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** A revision-1 event, exactly as the store holds it, read back as revision 2. */
class MemberJoinedEventUpcasterTest {
    private final Jackson3Serializer serializer = Jackson3Serializer.builder().build();

    private IntermediateEventRepresentation stored(String revision, String json) {
        return new InitialEventRepresentation(new GenericDomainEventEntry<>("Member", "alice", 0, "e-1",
                Instant.parse("2026-01-10T10:00:00Z"), MemberJoinedEvent.class.getName(), revision,
                json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8)), serializer);
    }

    @Test
    void aRevisionOneEventReadsAsRevisionTwoWithNobodyInviting() {
        String v1 = "{\"memberId\":\"alice\",\"displayName\":\"Alice\",\"headline\":\"Connector\","
                + "\"interests\":[\"climate\"],\"occurredAt\":\"2026-01-10T10:00:00Z\"}";
        List<IntermediateEventRepresentation> upcast = new MemberJoinedEventUpcaster().upcast(Stream.of(stored("1", v1))).toList();

        assertThat(upcast).singleElement().satisfies(event -> {
            assertThat(event.getType().getRevision()).isEqualTo("2");
            MemberJoinedEvent read = serializer.deserialize(new SimpleSerializedObject<>(
                    event.getData(byte[].class).getData(), byte[].class, event.getType()));
            assertThat(read).isEqualTo(new MemberJoinedEvent("alice", "Alice", "Connector", List.of("climate"), null,
                    Instant.parse("2026-01-10T10:00:00Z")));
        });
    }

    @Test
    void revisionTwoEventsPassUntouched() {
        IntermediateEventRepresentation v2 = stored("2", "{\"memberId\":\"alice\",\"invitedBy\":\"carol\"}");
        assertThat(new MemberJoinedEventUpcaster().upcast(Stream.of(v2)).toList()).containsExactly(v2);
        assertThat(new SimpleSerializedType(MemberJoinedEvent.class.getName(), "2").getRevision()).isEqualTo("2");
    }
}
