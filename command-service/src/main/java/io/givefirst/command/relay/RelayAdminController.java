package io.givefirst.command.relay;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admins re-publish the whole event store to Kafka. Requires the admin role. */
@RestController
@Tag(name = "Admin: relay", description = "Re-publishing the event store")
class RelayAdminController {
    private final EventProcessingConfiguration processing;

    RelayAdminController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /**
     * Resets the relay's token to the start of the store: every event is published again, after which the relay
     * carries on with new ones. Consumers see duplicates (same {@code ce_id}); read models do not change because
     * projections are idempotent. Progress shows in {@code givefirst_relay_lag_seconds}. With several
     * command-service instances, call it on one: the reset waits for the others to release the relay's segments.
     */
    @Operation(summary = "Re-publish the whole event store to Kafka")
    @PostMapping("/admin/relay/republish")
    ResponseEntity<Map<String, Object>> republish() {
        StreamingEventProcessor relay = processing
                .eventProcessor(EventRelay.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("the relay is not configured"));
        relay.shutDown();
        relay.resetTokens();
        relay.start();
        return ResponseEntity.accepted().body(Map.of("republishing", true, "processor", EventRelay.PROCESSING_GROUP));
    }
}
