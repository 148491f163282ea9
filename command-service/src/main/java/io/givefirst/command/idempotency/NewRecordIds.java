package io.givefirst.command.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateStreamCreationException;

/**
 * The id of a record a member starts (a help, a meeting, an introduction, a need, an offer). With an
 * {@code Idempotency-Key} it is derived from (member, key, what): a retry of the same request after any failure —
 * a timeout, a 5xx, a crash between storing the events and answering — names the same record, which then exists
 * already and is not recorded twice. Without a key, a random id. The derivation is SHA-256 (not a name-based MD5
 * UUID): nobody can craft another member's (member, key) that lands on the same id.
 */
public final class NewRecordIds {
    private NewRecordIds() {
    }

    /** Whether a request carries a usable idempotency key (blank keys are refused before this point). */
    public static boolean derived(String idempotencyKey) {
        return idempotencyKey != null && !idempotencyKey.isBlank();
    }

    public static String of(String memberId, String what, String idempotencyKey) {
        if (!derived(idempotencyKey)) {
            return UUID.randomUUID().toString();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((what + "\u0000" + memberId + "\u0000" + idempotencyKey.strip())
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
    public static void start(String idempotencyKey, Runnable send) {
        try {
            send.run();
        } catch (AggregateStreamCreationException existing) {
            if (!derived(idempotencyKey)) {
                throw existing;
            }
        }
    }
}
