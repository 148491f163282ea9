package io.givefirst.query.connections;

/**
 * The fields of a connection ({@link ConnectionsProjection}): one document per member and person met, written by
 * the projection, read by the queries; the last four hold the ids of the facts behind it.
 */
public final class ConnectionFields {
    public static final String MEMBER_ID = "memberId";
    public static final String OTHER_ID = "otherId";
    public static final String SINCE = "since";
    public static final String MEETINGS = "meetings";
    public static final String HELP_GIVEN = "helpGiven";
    public static final String HELP_RECEIVED = "helpReceived";
    public static final String INTRODUCTIONS = "introductions";

    private ConnectionFields() {
    }
}
