package io.givefirst.query.stats;

/**
 * The fields of a member's stats document ({@link MemberStatsProjection#STATS}, one per member and month): counters
 * written by the projection, summed by the query.
 */
public final class StatsFields {
    public static final String MEMBER_ID = "memberId";
    public static final String MONTH = "month";
    public static final String HELP_GIVEN = "helpGiven";
    public static final String HELP_GIVEN_VERIFIED = "helpGivenVerified";
    public static final String HELP_GIVEN_DISPUTED = "helpGivenDisputed";
    public static final String HELP_RECEIVED = "helpReceived";
    public static final String HELP_RECEIVED_VERIFIED = "helpReceivedVerified";
    public static final String PEOPLE_HELPED = "peopleHelped";
    public static final String INTRODUCTIONS_MADE = "introductionsMade";
    public static final String INTRODUCTIONS_FRUITFUL = "introductionsFruitful";
    public static final String MEETINGS = "meetings";
    public static final String FOLLOW_UPS = "followUps";
    public static final String CARD_REQUESTS_RECEIVED = "cardRequestsReceived";

    private StatsFields() {
    }
}
