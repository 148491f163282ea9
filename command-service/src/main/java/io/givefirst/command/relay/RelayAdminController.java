package io.givefirst.command.relay;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Admins re-publish the whole event store to Kafka. Requires the admin role. */
@RestController
@Tag(name = "Admin: relay", description = "Re-publishing the event store")
class RelayAdminController {
    private static final String TOPIC_NAME = "[a-zA-Z0-9._-]{1,249}";
    private final EventProcessingConfiguration processing;
    private final StoreCopy copy;
    private final RelayProperties properties;

    RelayAdminController(EventProcessingConfiguration processing, StoreCopy copy, RelayProperties properties) {
        this.processing = processing;
        this.copy = copy;
        this.properties = properties;
    }

    /** @param topic another topic to copy the whole store into; absent: re-publish into the live topic */
    record RepublishRequest(String topic) {
    }

    /**
     * Resets the relay's token to the start of the store: every event is published again, after which the relay
     * carries on with new ones. Consumers see duplicates (same {@code ce_id}); read models do not change because
     * projections are idempotent. Progress shows in {@code givefirst_relay_lag_seconds}. With several
     * command-service instances, call it on one: the reset waits for the others to release the relay's segments.
     */
    @Operation(summary = "Re-publish the whole event store to Kafka: into the live topic, or copied into another one")
    @PostMapping("/admin/relay/republish")
    ResponseEntity<?> republish(@RequestBody(required = false) RepublishRequest request) {
        String topic = request == null ? null : request.topic();
        if (topic != null && !topic.equals(properties.topic())) {
            if (!topic.matches(TOPIC_NAME)) {
                throw new IllegalArgumentException("topic must be 1 to 249 letters, digits, '.', '_' or '-'");
            }
            return ResponseEntity.accepted().body(copy.start(topic));
        }
        StreamingEventProcessor relay = processing
                .eventProcessor(EventRelay.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("the relay is not configured"));
        relay.shutDown();
        relay.resetTokens();
        relay.start();
        return ResponseEntity.accepted().body(Map.of("republishing", true, "processor", EventRelay.PROCESSING_GROUP));
    }

    @Operation(summary = "Progress of the latest copy of the store into another topic")
    @GetMapping("/admin/relay/republish")
    ResponseEntity<StoreCopy.Status> copyStatus() {
        StoreCopy.Status status = copy.status();
        return status == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(status);
    }
}
