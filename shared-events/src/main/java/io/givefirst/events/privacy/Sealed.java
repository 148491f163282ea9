package io.givefirst.events.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sealed value as it stands in a JSON event: {@code gf1:<purpose>:<member>:<ciphertext>}, member id and
 * ciphertext in base64url. It names the member whose key opens it, so a reader needs nothing but the value and the
 * key; the key's associated data binds the ciphertext to that member and purpose, so the name cannot be swapped.
 * A sealed value with no ciphertext is shredded: its member was erased before it could be sealed.
 */
public record Sealed(KeyPurpose purpose, String memberId, byte[] ciphertext) {
    static final String PREFIX = "gf1:";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Pattern MEMBER = Pattern.compile("gf1:([a-z]):([A-Za-z0-9_-]+):");

    /** Whether a value is sealed (as opposed to plaintext). */
    public static boolean is(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** The parts of a sealed value; empty for plaintext or a value that only looks sealed. */
    public static Optional<Sealed> parse(String value) {
        if (!is(value)) {
            return Optional.empty();
        }
        String[] parts = value.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Sealed(KeyPurpose.ofCode(parts[0]),
                    new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8), DECODER.decode(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether a value is already sealed with this member's key of this purpose (sealing it again changes nothing). */
    static boolean sealedFor(String value, String memberId, KeyPurpose purpose) {
        return parse(value).filter(s -> s.memberId().equals(memberId) && s.purpose() == purpose).isPresent();
    }

    /** The keys the sealed values anywhere in a text (a stored event's JSON, say) open with. */
    public static Set<DataKeys.Wanted> keysIn(String text) {
        Set<DataKeys.Wanted> keys = new LinkedHashSet<>();
        Matcher matcher = MEMBER.matcher(text);
        while (matcher.find()) {
            try {
                keys.add(new DataKeys.Wanted(new String(DECODER.decode(matcher.group(2)), StandardCharsets.UTF_8),
                        KeyPurpose.ofCode(matcher.group(1))));
            } catch (IllegalArgumentException e) {
                // text that only looks sealed
            }
        }
        return keys;
    }

    static String shredded(KeyPurpose purpose, String memberId) {
        return new Sealed(purpose, memberId, new byte[0]).toString();
    }

    boolean isShredded() {
        return ciphertext.length == 0;
    }

    /** What the key's associated data is: the purpose and the member, so a ciphertext opens only under its own name. */
    byte[] associatedData() {
        return ("givefirst:" + purpose.code + ":" + memberId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return PREFIX + purpose.code + ":" + ENCODER.encodeToString(memberId.getBytes(StandardCharsets.UTF_8)) + ":"
                + ENCODER.encodeToString(ciphertext);
    }
}
