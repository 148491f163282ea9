package io.givefirst.query.feed;

/** The fields of a feed item ({@link FeedProjection}): written by the projection, read by the feed query. */
public final class FeedFields {
    public static final String ACTOR_ID = "actorId";
    public static final String DETAIL = "detail";
    public static final String OCCURRED_AT = "occurredAt";
    public static final String OTHER_ID = "otherId";
    public static final String THIRD_ID = "thirdId";
    public static final String TYPE = "type";

    private FeedFields() {
    }
}
