package io.givefirst.command.introduction;

import java.util.Optional;

/**
 * What the rules need to know about introductions ("no second pending introduction of the same pair", "a meeting
 * may reference an open introduction of its two participants"), and nothing of where it is kept:
 * {@link IntroductionDirectory} answers it from MongoDB, aggregate tests from memory.
 */
public interface Introductions {
    enum Status { PENDING, OPEN, DECLINED, FRUITFUL }

    /** What is known of one introduction. */
    record Entry(String introductionId, String firstMemberId, String secondMemberId, Status status) {
        public boolean introduces(String one, String other) {
            return pair(firstMemberId, secondMemberId).equals(pair(one, other));
        }
    }

    /** Whether an introduction of these two members (in either order) is waiting for their answers. */
    boolean hasPending(String one, String other);

    Optional<Entry> find(String introductionId);

    /** The same key for (a, b) and (b, a). */
    static String pair(String one, String other) {
        return one.compareTo(other) < 0 ? one + "|" + other : other + "|" + one;
    }
}
