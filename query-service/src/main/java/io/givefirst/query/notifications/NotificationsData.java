package io.givefirst.query.notifications;

import static io.givefirst.query.notifications.NotificationFields.MEMBER_ID;
import static io.givefirst.query.notifications.NotificationFields.OFFSET;
import static io.givefirst.query.notifications.NotificationFields.PARTITION;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.givefirst.query.privacy.MemberData;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.ReadModelCollections;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** A member's export holds the notifications kept for them (the last 30 days), in stream order. */
@Component
class NotificationsData implements MemberData {
    private final ReadModelCollections live;

    NotificationsData(Generations generations) {
        this.live = generations.liveOf(NotificationsProjection.NAME);
    }

    @Override
    public String section() {
        return "notifications";
    }

    @Override
    public Object of(String memberId) {
        List<Object> notifications = new ArrayList<>();
        live.get(NotificationsProjection.NOTIFICATIONS).find(Filters.eq(MEMBER_ID, memberId))
                .sort(Sorts.ascending(MEMBER_ID, PARTITION, OFFSET))
                .forEach(notification -> notifications.add(NotificationStreams.body(notification)));
        return notifications;
    }
}
