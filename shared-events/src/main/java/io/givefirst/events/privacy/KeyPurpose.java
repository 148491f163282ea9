package io.givefirst.events.privacy;

/**
 * Each member has two data keys: one for their personal data (what other members and granted analysts may read while
 * the member is in the community) and one for what only they may read (private notes, ADR 6), which no grant covers.
 */
public enum KeyPurpose {
    PERSONAL("p"),
    PRIVATE("n");

    final String code;

    KeyPurpose(String code) {
        this.code = code;
    }

    static KeyPurpose ofCode(String code) {
        for (KeyPurpose purpose : values()) {
            if (purpose.code.equals(code)) {
                return purpose;
            }
        }
        throw new IllegalArgumentException("no key purpose '" + code + "'");
    }
}
