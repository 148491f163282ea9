package io.givefirst.shared.limits;

import java.util.List;
import java.util.Set;

/**
 * At most {@code perMinute} requests per member and minute (a bucket of that many, refilled evenly over the minute)
 * to the requests of these methods whose path matches one of {@code paths} (Spring path patterns).
 */
public record RateLimit(String name, Set<String> methods, List<String> paths, long perMinute) {
}
