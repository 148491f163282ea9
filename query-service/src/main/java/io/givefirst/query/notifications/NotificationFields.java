package io.givefirst.query.notifications;

/**
 * The fields of a notification ({@link NotificationsProjection}): written by the projection, read by the streams
 * and the export.
 */
public final class NotificationFields {
    public static final String EVENT_TYPE = "eventType";
    public static final String FROM = "from";
    public static final String KIND = "kind";
    public static final String MEMBER_ID = "memberId";
    public static final String OCCURRED_AT = "occurredAt";
    public static final String OFFSET = "offset";
    public static final String PARTITION = "partition";
    public static final String STORED_AT = "storedAt";
    public static final String SUBJECT_ID = "subjectId";

    private NotificationFields() {
    }
}
