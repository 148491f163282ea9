package io.givefirst.events;

import io.givefirst.events.privacy.Sealed;

/**
 * What an event needs to be an event at all — its ids and required texts present — checked by the compact
 * constructors of the event records. Nothing more: limits (lengths, counts) and rules (nobody meets themselves)
 * are decided where a command is accepted, in requests and aggregates. An event is a fact that was accepted under
 * the rules of its day; tightening a limit later must not make it unreadable (issue 14).
 */
public final class Require {
    private Require() {
    }

    public static String id(String value, String field) {
        return text(value, field);
    }

    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must be given");
        }
        return value;
    }

    /** Optional text: null becomes empty. */
    public static String optional(String value, String field) {
        return value == null ? "" : value;
    }

    /** Optional id: absent is null; a given id must not be blank. */
    public static String optionalId(String value, String field) {
        return value == null ? null : id(value, field);
    }

    /** Tags: lower-cased, trimmed, distinct, blank ones dropped; null is none. A sealed tag is kept as it is. */
    public static java.util.List<String> tags(java.util.List<String> tags, String field) {
        if (tags == null) {
            return java.util.List.of();
        }
        return tags.stream().filter(t -> t != null && !t.isBlank())
                .map(t -> Sealed.parse(t).isPresent() ? t : t.strip().toLowerCase(java.util.Locale.ROOT)).distinct().toList();
    }
}
