package io.givefirst.events.privacy;

import io.givefirst.events.PersonalData;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link PersonalData} fields of an event class, read once per class; the one place that checks each names a
 * member id field of its event as its owner (the sealing and the schemas both read it from here).
 */
public record PersonalFields(List<Field> fields) {
    public record Field(String name, String ownerField, KeyPurpose purpose) {
    }

    private static final ClassValue<PersonalFields> CACHE = new ClassValue<>() {
        @Override
        protected PersonalFields computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    PersonalData personal = component.getAnnotation(PersonalData.class);
                    if (personal != null) {
                        boolean ownerIsAnId = java.util.Arrays.stream(type.getRecordComponents())
                                .anyMatch(c -> c.getName().equals(personal.of()) && c.getType() == String.class
                                        && !c.isAnnotationPresent(PersonalData.class));
                        if (!ownerIsAnId) {
                            throw new IllegalArgumentException(type.getSimpleName() + "." + component.getName()
                                    + " is personal data of '" + personal.of() + "', which is not a member id field");
                        }
                        fields.add(new Field(component.getName(), personal.of(),
                                personal.onlyForThem() ? KeyPurpose.PRIVATE : KeyPurpose.PERSONAL));
                    }
                }
            }
            return new PersonalFields(List.copyOf(fields));
        }
    };

    public static PersonalFields of(Class<?> eventClass) {
        return CACHE.get(eventClass);
    }

    /** The accessors of each personal field and of its owner's id, found once per class. */
    private record Accessors(Field field, java.lang.reflect.Method value, java.lang.reflect.Method owner) {
    }

    private static final ClassValue<List<Accessors>> ACCESSORS = new ClassValue<>() {
        @Override
        protected List<Accessors> computeValue(Class<?> type) {
            java.util.Map<String, java.lang.reflect.Method> byName = new java.util.HashMap<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    byName.put(component.getName(), component.getAccessor());
                }
            }
            return of(type).fields().stream()
                    .map(f -> new Accessors(f, byName.get(f.name()), byName.get(f.ownerField()))).toList();
        }
    };

    /** The keys sealing this event's personal fields takes: those of fields holding text not sealed yet. */
    static java.util.Set<DataKeys.Wanted> keysToSeal(Object event) {
        java.util.Set<DataKeys.Wanted> keys = new java.util.LinkedHashSet<>();
        for (Accessors field : ACCESSORS.get(event.getClass())) {
            try {
                Object value = field.value().invoke(event);
                KeyPurpose purpose = field.field().purpose();
                if (field.owner().invoke(event) instanceof String owner
                        && needsSealing(value instanceof java.util.Collection<?> list ? list : java.util.List.of(
                        value == null ? "" : value), owner, purpose)) {
                    keys.add(new DataKeys.Wanted(owner, purpose));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + field.field().name(), e);
            }
        }
        return keys;
    }

    private static boolean needsSealing(java.util.Collection<?> values, String owner, KeyPurpose purpose) {
        return values.stream().anyMatch(value -> value instanceof String text && !text.isEmpty()
                && !Sealed.sealedFor(text, owner, purpose));
    }

    boolean none() {
        return fields.isEmpty();
    }
}
