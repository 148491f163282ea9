package io.givefirst.events.meeting;

/** Sizes of a meeting's texts; the command API validates against the same numbers. */
public final class MeetingLimits {
    public static final int CONTEXT = 200;
    public static final int NOTE = 2000;

    private MeetingLimits() {
    }
}
