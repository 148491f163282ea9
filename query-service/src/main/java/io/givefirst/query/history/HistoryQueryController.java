package io.givefirst.query.history;

import static io.givefirst.query.history.HistoryFields.COUNTERPART_ID;
import static io.givefirst.query.history.HistoryFields.OCCURRED_AT;
import static io.givefirst.query.history.HistoryFields.PRIVATE_NOTE;
import static io.givefirst.query.history.HistoryFields.SUMMARY;
import static io.givefirst.query.history.HistoryFields.THANKS;
import static io.givefirst.query.history.HistoryFields.THIRD_PARTY_ID;

import io.givefirst.query.consistency.ReadsFrom;
import io.givefirst.query.profile.ProfileProjection;
import io.givefirst.query.privacy.MemberData;
import io.givefirst.query.paging.Cursor;
import io.givefirst.query.privacy.PersonalTexts;
import io.givefirst.query.profile.ProfileRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@ReadsFrom({ContributionHistoryProjection.NAME, ProfileProjection.NAME})
@Tag(name = "Contribution history", description = "What a member gave, received, met and introduced")
class HistoryQueryController implements MemberData {
    private static final Set<String> KINDS = Set.of("HELP", "MEETING", "FOLLOW_UP", "INTRODUCTION", "CARD_REQUEST");
    private static final Set<String> ROLES = Set.of("GIVER", "RECEIVER", "PARTICIPANT", "INTRODUCER", "INTRODUCED",
            "REQUESTER", "OWNER");
    private static final int MAX_LIMIT = 100;

    private final HistoryRepository history;
    private final ProfileRepository profiles;
    private final PersonalTexts personal;

    HistoryQueryController(HistoryRepository history, ProfileRepository profiles, PersonalTexts personal) {
        this.personal = personal;
        this.history = history;
        this.profiles = profiles;
    }

    /** A page of history and the cursor of the next one (absent on the last page). */
    record HistoryPage(List<HistoryEntry> items, String nextCursor) {
    }

    record Person(String memberId, String displayName) {
    }

    /**
     * One act in a member's history. {@code verified}: help acknowledged by its receiver or confirmed by its giver
     * (ADR 18), a meeting confirmed, an introduction both accepted. {@code privateNote} is shown to its author only.
     */
    record HistoryEntry(String id, String kind, String role, String text, String status, boolean verified,
                        Instant occurredAt, Person counterpart, Person thirdParty, String helpKind, String summary,
                        String thanks, String privateNote) {
    }

    @Operation(summary = "A member's contribution history, newest first, with cursor paging: all of it for the member,"
            + " for anyone else only what both sides agreed to (verified help, confirmed meetings, accepted introductions)")
    @GetMapping("/members/{memberId}/contributions")
    HistoryPage contributions(@AuthenticationPrincipal Jwt reader,
                              @PathVariable String memberId,
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
        return page(memberId, reader.getSubject(), new HistoryFilter(kind, role, since, until), after, limit);
    }

    /** The whole history, newest first, with the member's own private notes. */
    @Override
    public Object of(String memberId) {
        List<HistoryEntry> all = new java.util.ArrayList<>();
        HistoryFilter everything = new HistoryFilter(null, null, null, null);
        Cursor after = null;
        do {
            HistoryPage page = page(memberId, memberId, everything, after, MAX_LIMIT);
            all.addAll(page.items());
            after = page.nextCursor() == null ? null : Cursor.decode(page.nextCursor());
        } while (after != null);
        return all;
    }

    @Override
    public String section() {
        return "contributions";
    }

    private HistoryPage page(String memberId, String readerId, HistoryFilter filter, Cursor after, int limit) {
        // another member sees only what both sides agreed to; the owner sees everything of their own
        List<Document> documents = history.page(memberId, filter, memberId.equals(readerId), after, limit + 1);
        boolean more = documents.size() > limit;
        List<Document> page = more ? documents.subList(0, limit) : documents;
        Set<String> people = new HashSet<>();
        page.forEach(d -> {
            people.add(d.getString(COUNTERPART_ID));
            if (d.getString(THIRD_PARTY_ID) != null) {
                people.add(d.getString(THIRD_PARTY_ID));
            }
        });
        Map<String, String> names = profiles.displayNames(people);
        List<String> texts = new java.util.ArrayList<>();
        page.forEach(d -> List.of(SUMMARY, THANKS, PRIVATE_NOTE).forEach(field -> texts.add(d.getString(field))));
        personal.prefetch(texts);
        List<HistoryEntry> items = page.stream()
                .map(d -> HistoryEntries.render(d, names, memberId, readerId, personal)).toList();
        Document last = page.isEmpty() ? null : page.get(page.size() - 1);
        String next = more ? new Cursor(last.getDate(OCCURRED_AT).toInstant(), last.getString("_id")).encode() : null;
        return new HistoryPage(items, next);
    }

    private static void requireOneOf(String name, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new IllegalArgumentException(name + " must be one of " + new TreeSet<>(allowed));
        }
    }
}
