package io.givefirst.query.connections;

/** The fields of a connection ({@link ConnectionsProjection}): one document per member and person met, written by the projection, read by the queries. */
public final class ConnectionFields {
    public static final String MEMBER_ID = "memberId";
    public static final String OTHER_ID = "otherId";
    public static final String SINCE = "since";

    private ConnectionFields() {
    }
}
