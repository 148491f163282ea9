package io.givefirst.query.history;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HistoryQueryController {
    private static final Set<String> KINDS = Set.of("HELP");
    private static final Set<String> ROLES = Set.of("GIVER", "RECEIVER");
    private static final int MAX_LIMIT = 100;

    private final ContributionHistoryRepository repository;

    HistoryQueryController(ContributionHistoryRepository repository) {
        this.repository = repository;
    }

    /** A page of history and the cursor of the next one (absent on the last page). */
    record HistoryPage(List<HistoryEntry> items, String nextCursor) {
    }

    record Counterpart(String memberId, String displayName) {
    }

    record HistoryEntry(String id, String kind, String helpKind, String role, String text, String summary,
                        Counterpart counterpart, Instant occurredAt, boolean verified, String thanks) {
    }

    @Operation(summary = "A member's contribution history, newest first, with cursor paging")
    @GetMapping("/members/{memberId}/contributions")
    HistoryPage contributions(@PathVariable String memberId,
                              @RequestParam(required = false) String kind,
                              @RequestParam(required = false) String role,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant until,
                              @RequestParam(required = false) String cursor,
                              @RequestParam(defaultValue = "20") int limit) {
        requireOneOf("kind", kind, KINDS);
        requireOneOf("role", role, ROLES);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        List<Document> documents = repository.page(memberId, new HistoryFilter(kind, role, since, until), after, limit + 1);
        boolean more = documents.size() > limit;
        List<Document> page = more ? documents.subList(0, limit) : documents;
        Map<String, String> names = repository.displayNames(page.stream().map(d -> d.getString("counterpartId")).toList());
        List<HistoryEntry> items = new ArrayList<>(page.size());
        for (Document d : page) {
            items.add(entry(d, names));
        }
        String next = more ? new Cursor(last(page).getDate("occurredAt").toInstant(), last(page).getString("_id")).encode() : null;
        return new HistoryPage(items, next);
    }

    private static HistoryEntry entry(Document d, Map<String, String> names) {
        String counterpartId = d.getString("counterpartId");
        String name = names.getOrDefault(counterpartId, counterpartId);
        boolean verified = Boolean.TRUE.equals(d.getBoolean("verifiedAtOnce")) || d.get("acknowledgedAt") != null;
        boolean giver = "GIVER".equals(d.getString("role"));
        String text = (giver ? "Gave help to " : "Received help from ") + name + (verified ? "" : " (unverified)");
        return new HistoryEntry(d.getString("_id"), d.getString("kind"), d.getString("helpKind"), d.getString("role"),
                text, d.getString("summary"), new Counterpart(counterpartId, names.get(counterpartId)),
                d.getDate("occurredAt").toInstant(), verified, d.getString("thanks"));
    }

    private static Document last(List<Document> page) {
        return page.get(page.size() - 1);
    }

    private static void requireOneOf(String name, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new IllegalArgumentException(name + " must be one of " + new java.util.TreeSet<>(allowed));
        }
    }

}
