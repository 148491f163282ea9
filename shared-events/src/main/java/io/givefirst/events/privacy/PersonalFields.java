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

    /** The members whose keys seal this event's personal fields. */
    public static java.util.Set<String> owners(Object event) {
        java.util.Set<String> owners = new java.util.LinkedHashSet<>();
        for (Field field : of(event.getClass()).fields()) {
            for (RecordComponent component : event.getClass().getRecordComponents()) {
                if (component.getName().equals(field.ownerField())) {
                    try {
                        Object owner = component.getAccessor().invoke(event);
                        if (owner instanceof String id) {
                            owners.add(id);
                        }
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + field.ownerField(), e);
                    }
                }
            }
        }
        return owners;
    }

    boolean none() {
        return fields.isEmpty();
    }
}
