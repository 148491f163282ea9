package io.givefirst.query.notifications;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "Notifications", description = "What happens to me, live")
public class NotificationsController {
    public static final String PATH = "/members/me/notifications";
    private final NotificationStreams streams;

    NotificationsController(NotificationStreams streams) {
        this.streams = streams;
    }

    @Operation(summary = "Server-Sent Events for me: help given to me, my help acknowledged, confirmed or disputed,"
            + " introductions that involve me (made, accepted, declined, fruitful), card requests, meetings to confirm"
            + " and confirmed. Each event's id is a resume point: reconnect with Last-Event-ID and the stream goes on"
            + " after it, on any instance, with nothing missed or repeated (within 30 days)")
    @GetMapping(path = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter notifications(@AuthenticationPrincipal Jwt me,
                             @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return streams.open(me.getSubject(), lastEventId);
    }
}
