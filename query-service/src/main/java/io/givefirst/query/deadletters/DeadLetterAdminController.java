package io.givefirst.query.deadletters;

import io.givefirst.query.config.QueryRules;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.DeadLetters;
import io.givefirst.query.stream.EventStream;
import io.givefirst.query.stream.Projection;
import io.givefirst.shared.web.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins see the records a projection parked ({@link DeadLetters}), apply one again once its cause is fixed, or
 * discard it. Every retry and discard is kept on the letter with the admin's subject. Requires the admin role.
 */
@RestController
@Tag(name = "Admin: dead letters", description = "Records a projection could not apply: list, retry, discard")
class DeadLetterAdminController {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterAdminController.class);
    private static final int MAX_LIMIT = 1000;
    private final DeadLetters deadLetters;
    private final EventStream stream;
    private final Generations generations;
    private final Map<String, Projection> projections = new LinkedHashMap<>();

    DeadLetterAdminController(DeadLetters deadLetters, EventStream stream, Generations generations,
                              List<Projection> projections) {
        this.deadLetters = deadLetters;
        this.stream = stream;
        this.generations = generations;
        projections.forEach(p -> this.projections.put(p.name(), p));
    }

    /** A letter with the record's value as text (its JSON), to see what failed. */
    record LetterDetail(DeadLetters.Letter letter, String value) {
    }

    record Outcome(String id, String status, String error) {
    }

    @Operation(summary = "Parked records, oldest first, of one projection or of all")
    @GetMapping("/admin/dead-letters")
    List<DeadLetters.Letter> list(@RequestParam(required = false) String projection,
                                  @RequestParam(defaultValue = "100") int limit) {
        if (projection != null && !projections.containsKey(projection)) {
            throw new IllegalArgumentException("unknown projection " + projection + "; known: " + projections.keySet());
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        return deadLetters.parked(projection, limit);
    }

    @Operation(summary = "One letter, with the record it holds")
    @GetMapping("/admin/dead-letters/{id}")
    LetterDetail show(@PathVariable String id) {
        DeadLetters.Letter letter = existing(id);
        byte[] value = deadLetters.record(id).value();
        return new LetterDetail(letter, value == null ? null : new String(value, StandardCharsets.UTF_8));
    }

    @Operation(summary = "Apply a parked record again (to the generation it was parked for, or the live one)")
    @PostMapping("/admin/dead-letters/{id}/retry")
    Outcome retry(@PathVariable String id, @AuthenticationPrincipal Jwt admin) {
        DeadLetters.Letter letter = parked(id);
        Projection projection = projections.get(letter.projection());
        if (projection == null) {
            throw new RuleViolation(QueryRules.DEAD_LETTER_UNKNOWN_PROJECTION,
                    "this version has no projection " + letter.projection());
        }
        Projection target = letter.generation() == null ? projection
                : projection.writingTo(generations.generation(letter.generation()));
        try {
            stream.apply(target, List.of(deadLetters.record(id)), event -> true);
        } catch (RuntimeException failure) {
            deadLetters.failedAgain(id, failure);
            throw new RuleViolation(QueryRules.DEAD_LETTER_STILL_FAILING, "the record still cannot be applied: "
                    + deadLetters.find(id).error());
        }
        deadLetters.resolve(id, "RETRIED", admin.getSubject());
        log.info("dead letter {} applied again by {}", id, admin.getSubject());
        return new Outcome(id, "RETRIED", null);
    }

    @Operation(summary = "Apply every parked record of a projection again; those that still fail stay parked")
    @PostMapping("/admin/dead-letters/retry")
    List<Outcome> retryAll(@RequestParam String projection, @AuthenticationPrincipal Jwt admin) {
        List<Outcome> outcomes = new ArrayList<>();
        for (DeadLetters.Letter letter : list(projection, MAX_LIMIT)) {
            try {
                outcomes.add(retry(letter.id(), admin));
            } catch (RuleViolation stillFailing) {
                if (stillFailing.rule().status() != 409) {
                    throw stillFailing; // gone meanwhile (a rebuild dropped it): not "still parked"
                }
                outcomes.add(new Outcome(letter.id(), DeadLetters.PARKED, stillFailing.getMessage()));
            }
        }
        return outcomes;
    }

    @Operation(summary = "Discard a parked record: its projection will never apply it")
    @DeleteMapping("/admin/dead-letters/{id}")
    Outcome discard(@PathVariable String id, @AuthenticationPrincipal Jwt admin) {
        parked(id);
        if (!deadLetters.resolve(id, "DISCARDED", admin.getSubject())) {
            throw new RuleViolation(QueryRules.DEAD_LETTER_NOT_PARKED,
                    "dead letter " + id + " was retried or discarded meanwhile");
        }
        log.warn("dead letter {} discarded by {}", id, admin.getSubject());
        return new Outcome(id, "DISCARDED", null);
    }

    private DeadLetters.Letter existing(String id) {
        DeadLetters.Letter letter = deadLetters.find(id);
        if (letter == null) {
            throw new RuleViolation(QueryRules.UNKNOWN_DEAD_LETTER, "there is no dead letter " + id);
        }
        return letter;
    }

    private DeadLetters.Letter parked(String id) {
        DeadLetters.Letter letter = existing(id);
        if (!DeadLetters.PARKED.equals(letter.status())) {
            throw new RuleViolation(QueryRules.DEAD_LETTER_NOT_PARKED, "dead letter " + id + " is " + letter.status());
        }
        return letter;
    }
}
