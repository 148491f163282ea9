package io.givefirst.events.wire;

/**
 * Header names of the CloudEvents Kafka protocol binding (binary content mode) as GiveFirst uses them.
 * Extension attributes follow the CloudEvents naming rule: lower-case letters and digits only.
 */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    /** When the act happened in the world (the event's {@code occurredAt}). */
    public static final String TIME = "ce_time";
    /** The aggregate id, also the record key. */
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    /** Extension: the aggregate type, e.g. {@code Help}. */
    public static final String AGGREGATE_TYPE = "ce_aggregatetype";
    /** Extension: the event's sequence number within its aggregate, starting at 0. */
    public static final String SEQUENCE = "ce_sequence";
    /** Extension: when the event was stored in the event store. */
    public static final String RECORDED_TIME = "ce_recordedtime";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
