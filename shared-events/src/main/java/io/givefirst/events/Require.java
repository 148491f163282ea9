package io.givefirst.events;

/** Guards for the compact constructors of events: an event that breaks them was never valid. */
public final class Require {
    private Require() {
    }

    public static String id(String value, String field) {
        return text(value, field, 100);
    }

    public static String text(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must be given");
        }
        return value;
    }
}
