package io.givefirst.query.notifications;

import java.util.Collections;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * How far a member's stream has got: per partition of the topic, the offset up to which every notification has been
 * sent. It is the SSE event id ({@code 0:41,1:7,2:19}) a client sends back as {@code Last-Event-ID}; the stream
 * resumes after it on any instance, with no gap and no repeat, because notifications are ordered by their records'
 * positions and only sent up to the watermarks ({@link NotificationsProjection}).
 */
record NotificationCursor(Map<Integer, Long> offsets) {
    static final int MAX_LENGTH = 2048;

    NotificationCursor {
        offsets = Collections.unmodifiableMap(new TreeMap<>(offsets));
    }

    /** The offset sent up to in this partition; -1 before its first record. */
    long offset(int partition) {
        return offsets.getOrDefault(partition, -1L);
    }

    NotificationCursor with(int partition, long offset) {
        Map<Integer, Long> next = new TreeMap<>(offsets);
        next.merge(partition, offset, Math::max);
        return new NotificationCursor(next);
    }

    String encode() {
        StringJoiner id = new StringJoiner(",");
        offsets.forEach((partition, offset) -> id.add(partition + ":" + offset));
        return id.toString();
    }

    /**
     * @throws IllegalArgumentException when it is not an id this stream sent (answered 400)
     */
    static NotificationCursor parse(String lastEventId) {
        Map<Integer, Long> offsets = new TreeMap<>();
        String id = lastEventId.strip();
        if (id.length() > MAX_LENGTH) {
            throw invalid();
        }
        for (String part : id.isEmpty() ? new String[0] : id.split(",", -1)) {
            String[] pair = part.split(":", -1);
            try {
                int partition = Integer.parseInt(pair[0]);
                long offset = Long.parseLong(pair[1]);
                if (pair.length != 2 || partition < 0 || offset < -1 || offsets.put(partition, offset) != null) {
                    throw invalid();
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw invalid();
            }
        }
        return new NotificationCursor(offsets);
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("Last-Event-ID must be an event id this notification stream sent");
    }
}
