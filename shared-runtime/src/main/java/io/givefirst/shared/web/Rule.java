package io.givefirst.shared.web;

import java.util.Locale;

/**
 * A rule a request can break, as clients see it: a stable slug (the problem's {@code type} ends in it and its
 * {@code rule} repeats it — clients branch on it, never on the text), the HTTP status, the problem's title, and
 * when it applies. Each service keeps its rules in one enum ({@link SharedRules} for what both answer); the README's
 * table of rules is generated from those enums and checked by the build.
 */
public interface Rule {
    /** What a rule says: its HTTP status, the problem's title, and when a request breaks it (the README's table). */
    record Definition(int status, String title, String meaning) {
    }

    /** The enum constant's name: {@code HELP_TO_ONESELF}. */
    String name();

    Definition definition();

    default int status() {
        return definition().status();
    }

    default String title() {
        return definition().title();
    }

    default String meaning() {
        return definition().meaning();
    }

    /** {@code help-to-oneself}: the constant's name in lower case, words joined by '-'. */
    default String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
