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

    /** Optional text: null becomes empty; a given text must fit. */
    public static String optional(String value, String field, int maxLength) {
        if (value == null) {
            return "";
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    /** Optional id: absent is null; a given id must be a valid id. */
    public static String optionalId(String value, String field) {
        return value == null ? null : id(value, field);
    }

    /** Tags: lower-cased, trimmed, distinct, each non-blank and short, at most {@code maxCount}. */
    public static java.util.List<String> tags(java.util.List<String> tags, String field, int maxCount, int maxLength) {
        if (tags == null) {
            return java.util.List.of();
        }
        if (tags.size() > maxCount) {
            throw new IllegalArgumentException(field + " may hold at most " + maxCount + " entries");
        }
        java.util.List<String> normalized = tags.stream().map(t -> text(t, field, maxLength).strip()
                .toLowerCase(java.util.Locale.ROOT)).distinct().toList();
        return java.util.List.copyOf(normalized);
    }

    /** Two member ids must differ. */
    public static void distinct(String first, String second, String rule) {
        if (first.equals(second)) {
            throw new IllegalArgumentException(rule);
        }
    }
}
