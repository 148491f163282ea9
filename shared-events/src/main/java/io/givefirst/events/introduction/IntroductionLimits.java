package io.givefirst.events.introduction;

/** Sizes of an introduction's texts; the command API validates against the same numbers. */
public final class IntroductionLimits {
    public static final int REASON = 1000;

    private IntroductionLimits() {
    }
}
