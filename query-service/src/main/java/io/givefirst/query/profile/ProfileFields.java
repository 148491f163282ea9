package io.givefirst.query.profile;

/**
 * The fields of a profile document and of its needs and offers ({@link ProfileProjection}): written by the
 * projection, read by the queries.
 */
public final class ProfileFields {
    public static final String DESCRIPTION = "description";
    public static final String DISPLAY_NAME = "displayName";
    public static final String ERASED_AT = "erasedAt";
    public static final String HEADLINE = "headline";
    public static final String INTERESTS = "interests";
    public static final String JOINED_AT = "joinedAt";
    public static final String LEFT_AT = "leftAt";
    public static final String MEMBER_ID = "memberId";
    public static final String POSTED_AT = "postedAt";
    public static final String PROFILE_SEQUENCE = "profileSequence";
    public static final String RESOLVED_AT = "resolvedAt";
    public static final String TAGS = "tags";
    public static final String VERSIONS = "versions";
    public static final String WITHDRAWN_AT = "withdrawnAt";

    private ProfileFields() {
    }
}
