package io.givefirst.query.config;

import io.givefirst.shared.web.Rule;
import io.givefirst.shared.web.RuleViolation;

/**
 * Every rule a query or a query-service admin action can break, in one place ({@link io.givefirst.shared.web.SharedRules} has what both
 * services answer). A rejection names one of these ({@link RuleViolation}); the README's table of rules is generated
 * from them.
 */
public enum QueryRules implements Rule {
    INVALID_CONSISTENCY_TOKEN(400, "Invalid consistency token", "a `Consistency-Token` that is not one a write answered"),
    UNKNOWN_EVENT_TYPE(404, "Unknown event type", "`GET /events/schemas/{type}` of a type that does not exist"),
    UNKNOWN_SNAPSHOT(404, "Unknown snapshot", "`?snapshot=` names no snapshot of the read model"),
    CONSISTENCY_NOT_REACHED(503, "Not yet consistent", "the read model has not applied the write a `Consistency-Token`"
            + " names within `GIVEFIRST_CONSISTENCY_WAIT` (or too many queries wait): retry after `Retry-After`"),
    // admin
    REBUILD_IN_PROGRESS(409, "Rebuild in progress", "a rebuild of that projection is already running"),
    UNKNOWN_DEAD_LETTER(404, "Unknown dead letter", "no dead letter has that id"),
    DEAD_LETTER_STILL_FAILING(409, "Dead letter still failing", "a retried dead letter still cannot be applied"),
    DEAD_LETTER_NOT_PARKED(409, "Dead letter not parked", "the dead letter was retried or discarded already"),
    DEAD_LETTER_UNKNOWN_PROJECTION(409, "Dead letter of an unknown projection",
            "the dead letter's projection does not exist in this version");

    private final Definition definition;

    QueryRules(int status, String title, String meaning) {
        this.definition = new Definition(status, title, meaning);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
