package io.givefirst.shared.consistency;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * What a write stored, as the read models must have applied it to reflect the write: for each aggregate the write
 * appended to, the sequence number of its last event. A write answers it in the {@value #HEADER} header; a query
 * that sends it back waits until its read model has applied at least that much of each aggregate. Events of an
 * aggregate travel in order on one partition, so applying sequence {@code n} means everything before it is applied.
 *
 * <p>Opaque to clients: {@code v1~<aggregate id, base64url>.<sequence>~…}.
 */
public record ConsistencyToken(Map<String, Long> positions) {
    public static final String HEADER = "Consistency-Token";
    /** A write touches one aggregate, a few at most; a longer token is not one we wrote. */
    static final int MAX_AGGREGATES = 16;
    static final int MAX_LENGTH = 4096;
    private static final String VERSION = "v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public ConsistencyToken {
        positions = Collections.unmodifiableMap(new TreeMap<>(positions));
    }

    public boolean isEmpty() {
        return positions.isEmpty();
    }

    public String encode() {
        StringJoiner token = new StringJoiner("~");
        token.add(VERSION);
        positions.forEach((aggregate, sequence) ->
                token.add(ENCODER.encodeToString(aggregate.getBytes(StandardCharsets.UTF_8)) + "." + sequence));
        return token.toString();
    }

    /**
     * Reads a token a write answered.
     *
     * @throws InvalidToken when it is not one: the query answers 400 {@code invalid-consistency-token}
     */
    public static ConsistencyToken parse(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_LENGTH) {
            throw new InvalidToken("must be the " + HEADER + " a write answered (at most " + MAX_LENGTH + " characters)");
        }
        String[] parts = token.strip().split("~", -1);
        if (!parts[0].equals(VERSION) || parts.length < 2 || parts.length > MAX_AGGREGATES + 1) {
            throw new InvalidToken("is not a " + HEADER + " this API wrote");
        }
        Map<String, Long> positions = new TreeMap<>();
        for (int i = 1; i < parts.length; i++) {
            int dot = parts[i].lastIndexOf('.');
            try {
                String aggregate = new String(DECODER.decode(parts[i].substring(0, Math.max(dot, 0))), StandardCharsets.UTF_8);
                long sequence = Long.parseLong(parts[i].substring(dot + 1));
                if (aggregate.isBlank() || sequence < 0) {
                    throw new IllegalArgumentException("empty aggregate or negative sequence");
                }
                positions.merge(aggregate, sequence, Math::max);
            } catch (IllegalArgumentException | IndexOutOfBoundsException unreadable) {
                throw new InvalidToken("is not a " + HEADER + " this API wrote");
            }
        }
        return new ConsistencyToken(positions);
    }

    /** A {@value #HEADER} that is not one a write answered. */
    public static final class InvalidToken extends IllegalArgumentException {
        InvalidToken(String detail) {
            super(HEADER + " " + detail);
        }
    }
}
