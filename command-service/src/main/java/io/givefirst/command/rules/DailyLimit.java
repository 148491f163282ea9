package io.givefirst.command.rules;

import io.givefirst.shared.web.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * At most {@code max} acts of one kind in any 24 hours, judged by the times the acts were recorded at. Kept in an
 * aggregate's state and rebuilt from its events, so every instance judges alike. For acts that cost nothing to
 * repeat and would otherwise let one member grow the platform's data without bound.
 */
public final class DailyLimit {
    private static final Duration DAY = Duration.ofHours(24);
    private final int max;
    private final CommandRules rule;
    private final String what;
    private final List<Instant> recent = new ArrayList<>();

    /**
     * @param rule the rule a refusal names; its {@link CommandRules#limit()} is the maximum
     * @param what what is counted, in a person's words ("profile changes")
     */
    public DailyLimit(CommandRules rule, String what) {
        this.max = rule.limit();
        this.rule = rule;
        this.what = what;
    }

    /** Refuses another act at {@code at} when {@code max} were recorded in the 24 hours before it. */
    public void check(Instant at) {
        long within = recent.stream().filter(t -> t.isAfter(at.minus(DAY))).count();
        if (within >= max) {
            throw new RuleViolation(rule,
                    "at most " + max + " " + what + " in 24 hours; try again later");
        }
    }

    /** Remembers an act (from the aggregate's event handler); forgets those a day older than the newest. */
    public void record(Instant at) {
        recent.add(at);
        Instant newest = recent.stream().max(Instant::compareTo).orElse(at);
        recent.removeIf(t -> !t.isAfter(newest.minus(DAY)));
    }

    /** Equal when they would judge alike: Axon's test fixture compares aggregate state built two ways. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DailyLimit that && max == that.max && rule.equals(that.rule)
                && recent.equals(that.recent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(max, rule, recent);
    }
}
