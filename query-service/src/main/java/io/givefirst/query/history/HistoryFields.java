package io.givefirst.query.history;

/**
 * The fields of a contribution-history entry ({@link ContributionHistoryProjection#ENTRIES}): written by the
 * projection, read by the queries.
 */
public final class HistoryFields {
    public static final String ACCEPTED_BY = "acceptedBy";
    public static final String ACKNOWLEDGED_AT = "acknowledgedAt";
    public static final String ANSWERS_NEED_ID = "answersNeedId";
    public static final String CONFIRMED_AT = "confirmedAt";
    public static final String COUNTERPART_ID = "counterpartId";
    public static final String DECLINED_AT = "declinedAt";
    public static final String DECLINED_BY = "declinedBy";
    public static final String DISPUTE_REASON = "disputeReason";
    public static final String DISPUTED_AT = "disputedAt";
    public static final String FRUITFUL_AT = "fruitfulAt";
    public static final String FRUITFUL_MEETING_ID = "fruitfulMeetingId";
    public static final String HELP_KIND = "helpKind";
    public static final String INTRODUCTION_ID = "introductionId";
    public static final String KIND = "kind";
    public static final String MEETING_ID = "meetingId";
    public static final String MEMBER_ID = "memberId";
    public static final String OCCURRED_AT = "occurredAt";
    public static final String OPENED_AT = "openedAt";
    public static final String PRIVATE_NOTE = "privateNote";
    public static final String ROLE = "role";
    public static final String SUMMARY = "summary";
    public static final String THANKS = "thanks";
    public static final String THIRD_PARTY_ID = "thirdPartyId";
    public static final String VERIFIED_AT_ONCE = "verifiedAtOnce";

    private HistoryFields() {
    }
}
