package io.givefirst.command.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateStreamCreationException;

/**
 * The id of a record a member starts (a help, a meeting, an introduction, a need, an offer). With an
 * {@code Idempotency-Key} it is derived from (member, key, when the key was first claimed, what): a retry of the same
 * request after any failure — a timeout, a 5xx, a crash between storing the events and answering — names the same
 * record, which then exists already and is not recorded twice; the same key used again after it expired
 * ({@link IdempotencyStore#RETENTION}) names a new record. Without a key, a random id. The derivation is SHA-256 (not
 * a name-based MD5 UUID): nobody can craft another member's (member, key) that lands on the same id.
 */
public final class NewRecordIds {
    /**
     * The request attribute the idempotency filter sets on a claimed request: the key and the time of its first
     * claim. Controllers take it with {@code @RequestAttribute(name = NewRecordIds.SCOPE, required = false)}.
     */
    public static final String SCOPE = "givefirst.idempotency.scope";

    private NewRecordIds() {
    }

    static String scope(String idempotencyKey, java.time.Instant firstClaimed) {
        return idempotencyKey.strip() + "\u0000" + firstClaimed.toEpochMilli();
    }

    /** Whether a request carries a claimed idempotency key. */
    public static boolean derived(String scope) {
        return scope != null && !scope.isBlank();
    }

    /** The record's id: derived from the request's {@link #SCOPE} when it has one, else random. */
    public static String of(String memberId, String what, String scope) {
        if (!derived(scope)) {
            return UUID.randomUUID().toString();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((what + "\u0000" + memberId + "\u0000" + scope)
                    .getBytes(StandardCharsets.UTF_8));
            ByteBuffer bytes = ByteBuffer.wrap(digest, 0, 16);
            long high = (bytes.getLong() & ~0xF000L) | 0x8000L; // version 8: custom
            long low = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
            return new UUID(high, low).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends the command that starts a record. When its derived id exists already, an earlier attempt of this very
     * request stored it: that is its outcome, not a conflict.
     */
    public static void start(String scope, Runnable send) {
        try {
            send.run();
        } catch (AggregateStreamCreationException existing) {
            if (!derived(scope)) {
                throw existing;
            }
        }
    }
}
