package io.givefirst.events.privacy;

import io.givefirst.events.PersonalData;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** The {@link PersonalData} fields of an event class, read once per class. */
record PersonalFields(List<Field> fields) {
    record Field(String name, String ownerField, KeyPurpose purpose) {
    }

    private static final ClassValue<PersonalFields> CACHE = new ClassValue<>() {
        @Override
        protected PersonalFields computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    PersonalData personal = component.getAnnotation(PersonalData.class);
                    if (personal != null) {
                        boolean ownerNamed = java.util.Arrays.stream(type.getRecordComponents())
                                .anyMatch(c -> c.getName().equals(personal.of()) && c.getType() == String.class);
                        if (!ownerNamed) {
                            throw new IllegalArgumentException(type.getSimpleName() + "." + component.getName()
                                    + " names no member id field '" + personal.of() + "'");
                        }
                        fields.add(new Field(component.getName(), personal.of(),
                                personal.onlyForThem() ? KeyPurpose.PRIVATE : KeyPurpose.PERSONAL));
                    }
                }
            }
            return new PersonalFields(List.copyOf(fields));
        }
    };

    static PersonalFields of(Class<?> eventClass) {
        return CACHE.get(eventClass);
    }

    boolean none() {
        return fields.isEmpty();
    }
}
