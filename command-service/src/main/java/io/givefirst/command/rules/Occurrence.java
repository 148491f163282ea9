package io.givefirst.command.rules;

import io.givefirst.shared.web.RuleViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a member says an act happened. It may be up to {@link #LONGEST_AGO} ago (a meeting recorded after a long
 * trip, last year's help) and a few minutes ahead of this server's clock (a portal's clock runs a little fast);
 * anything else is refused: an act dated 1970 or 2100 would sit at either end of every timeline for ever.
 */
public final class Occurrence {
    public static final Duration LONGEST_AGO = Duration.ofDays(CommandRules.OCCURRED_AT_OUT_OF_RANGE.limit());
    public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

    private Occurrence() {
    }

    /** The moment given, or now when none was given; refused when outside the window. */
    public static Instant orNow(Instant occurredAt, Clock clock) {
        Instant now = clock.instant();
        if (occurredAt == null) {
            return now;
        }
        if (occurredAt.isBefore(now.minus(LONGEST_AGO)) || occurredAt.isAfter(now.plus(CLOCK_TOLERANCE))) {
            throw new RuleViolation(CommandRules.OCCURRED_AT_OUT_OF_RANGE,
                    "an act may be dated at most " + LONGEST_AGO.toDays() + " days ago and not in the future; got "
                            + occurredAt);
        }
        return occurredAt;
    }
}
