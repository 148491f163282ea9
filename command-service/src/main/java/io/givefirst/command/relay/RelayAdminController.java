package io.givefirst.command.relay;

import io.givefirst.command.rules.CommandRules;
import io.givefirst.shared.web.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins re-publish the whole event store to Kafka and audit the relay. Requires the admin role. */
@RestController
@Tag(name = "Admin: relay", description = "Re-publishing the event store, auditing the relay")
class RelayAdminController {
    private static final String TOPIC_NAME = "[a-zA-Z0-9._-]{1,249}";
    private final StoreCopy copy;
    private final RelayAudit audit;
    private final RelayProperties properties;
    private final RelayDeadLetters deadLetters;
    private final StoreRelay relay;

    RelayAdminController(StoreCopy copy, RelayAudit audit, RelayProperties properties, RelayDeadLetters deadLetters,
                         StoreRelay relay) {
        this.copy = copy;
        this.audit = audit;
        this.properties = properties;
        this.deadLetters = deadLetters;
        this.relay = relay;
    }

    @Operation(summary = "Stored events the relay parked, by aggregate, each aggregate's in order")
    @GetMapping("/admin/relay/dead-letters")
    List<RelayDeadLetters.Parked> deadLetters() {
        return deadLetters.parked();
    }

    /** Each aggregate's parked events are published in order; an aggregate stops at its first that still fails. */
    @Operation(summary = "Publish the parked events again (after a fix); those that still fail stay parked")
    @PostMapping("/admin/relay/dead-letters/retry")
    Map<String, Object> retryDeadLetters() {
        int published = deadLetters.retry(relay::publishParked);
        return Map.of("published", published, "stillParked", deadLetters.parked().size());
    }

    /** @param topic another topic to copy the whole store into; absent: re-publish into the live topic */
    record RepublishRequest(String topic) {
    }

    /**
     * Publishes the whole store again: into the live topic (every event a second time, same {@code ce_id};
     * projections are idempotent, so read models do not change) or copied into a new topic named after the live one
     * ({@code givefirst.events.<name>}; an existing topic is refused, so a copy never mixes into others' data). The live relay
     * carries on meanwhile; any instance can do it. Progress: {@code GET} on the same path.
     */
    @Operation(summary = "Re-publish the whole event store to Kafka: into the live topic, or copied into another one")
    @PostMapping("/admin/relay/republish")
    ResponseEntity<StoreCopy.Status> republish(@RequestBody(required = false) RepublishRequest request) {
        if (request == null || request.topic() == null) {
            return ResponseEntity.accepted().body(copy.start(properties.topic(), false));
        }
        String topic = request.topic();
        String prefix = properties.topic() + ".";
        if (!topic.matches(TOPIC_NAME) || !topic.startsWith(prefix) || topic.length() == prefix.length()) {
            throw new RuleViolation(CommandRules.COPY_TOPIC_NAME,
                    "a copy goes into a new topic named " + prefix + "<name> (letters, digits, '.', '_' or '-',"
                            + " at most 249 in all)");
        }
        return ResponseEntity.accepted().body(copy.start(topic, true));
    }

    @Operation(summary = "Compare the store with the topic since a time; put what is missing back to be relayed")
    @GetMapping("/admin/relay/audit")
    RelayAudit.Report audit(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since) {
        return audit.audit(since);
    }

    @Operation(summary = "Progress of the latest copy of the store into another topic")
    @GetMapping("/admin/relay/republish")
    ResponseEntity<StoreCopy.Status> copyStatus() {
        StoreCopy.Status status = copy.status();
        return status == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(status);
    }
}
