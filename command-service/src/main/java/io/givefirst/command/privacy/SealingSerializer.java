package io.givefirst.command.privacy;

import io.givefirst.events.privacy.PersonalFields;
import io.givefirst.events.privacy.Sealing;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Axon's event serializer with personal data sealed on the way into the store and opened on the way out (ADR 16):
 * the store holds ciphertext, aggregates and the relay see plaintext, and what cannot be opened (an erased member)
 * stays sealed. Everything without personal fields — metadata, tokens — passes to the serializer it decorates.
 */
public final class SealingSerializer implements Serializer {
    private final Serializer delegate;
    private final Sealing sealing;

    SealingSerializer(Serializer delegate, Sealing sealing) {
        this.delegate = delegate;
        this.sealing = sealing;
    }

    /**
     * The serializer under the sealing: it reads stored events as they are stored, sealed values still sealed — for
     * readers that pass them on (the relay, the store copy) and need not open what they would only seal again.
     */
    public static Serializer withoutOpening(Serializer serializer) {
        return serializer instanceof SealingSerializer sealing ? sealing.delegate : serializer;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object == null || !hasPersonalFields(object.getClass())) {
            return delegate.serialize(object, expectedRepresentation);
        }
        SerializedObject<JsonNode> tree = delegate.serialize(object, JsonNode.class);
        sealing.seal(object.getClass(), (ObjectNode) tree.getData());
        return getConverter().convert(tree, expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = classForType(serializedObject.getType());
        if (type == null || type == UnknownSerializedType.class || !hasPersonalFields(type)) {
            return delegate.deserialize(serializedObject);
        }
        SerializedObject<JsonNode> tree = getConverter().convert(serializedObject, JsonNode.class);
        // a copy: the tree may be the store's own intermediate representation, kept by an upcaster chain
        ObjectNode opened = sealing.open(type, (ObjectNode) tree.getData().deepCopy());
        return delegate.deserialize(new SimpleSerializedObject<>(opened, JsonNode.class, tree.getType()));
    }

    private static boolean hasPersonalFields(Class<?> type) {
        return !PersonalFields.of(type).fields().isEmpty();
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
