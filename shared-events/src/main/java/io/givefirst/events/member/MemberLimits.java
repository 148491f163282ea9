package io.givefirst.events.member;

/** Sizes a member's public texts may take; the command API validates against the same numbers. */
public final class MemberLimits {
    public static final int DISPLAY_NAME = 100;
    public static final int HEADLINE = 200;
    public static final int INTEREST = 50;
    public static final int INTERESTS = 30;
    public static final int DESCRIPTION = 1000;

    private MemberLimits() {
    }
}
