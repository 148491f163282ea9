package io.givefirst.events.member;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads revision-1 {@link MemberJoinedEvent}s from the event store as revision 2: {@code invitedBy} did not
 * exist then, so nobody invited them. Registered with Axon by the command service; aggregates and the relay
 * then only ever see revision 2.
 */
public class MemberJoinedEventUpcaster extends SingleEventUpcaster {
    private static final String TYPE = MemberJoinedEvent.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName()) && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, "2"), JsonNode.class, payload -> {
            ObjectNode upcast = ((ObjectNode) payload).deepCopy();
            if (!upcast.has("invitedBy")) {
                upcast.putNull("invitedBy");
            }
            return upcast;
        });
    }
}
