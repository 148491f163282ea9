package io.givefirst.query.feed;

import static io.givefirst.query.feed.FeedFields.ACTOR_ID;
import static io.givefirst.query.feed.FeedFields.DETAIL;
import static io.givefirst.query.feed.FeedFields.OCCURRED_AT;
import static io.givefirst.query.feed.FeedFields.OTHER_ID;
import static io.givefirst.query.feed.FeedFields.THIRD_ID;
import static io.givefirst.query.feed.FeedFields.TYPE;

import io.givefirst.query.consistency.ReadsFrom;
import io.givefirst.query.profile.ProfileProjection;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.ReadModelCollections;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.givefirst.query.paging.Cursor;
import io.givefirst.query.privacy.PersonalTexts;
import io.givefirst.query.profile.ProfileRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@ReadsFrom({FeedProjection.NAME, ProfileProjection.NAME})
@Tag(name = "Community", description = "Leaderboard of givers and the activity feed")
class FeedQueryController {
    private final ReadModelCollections collections;
    private final ProfileRepository profiles;
    private final PersonalTexts personal;

    FeedQueryController(Generations generations, ProfileRepository profiles, PersonalTexts personal) {
        this.personal = personal;
        this.collections = generations.liveOf(FeedProjection.NAME);
        this.profiles = profiles;
    }

    record FeedItem(String id, String type, String text, Instant occurredAt, List<String> memberIds, String detail) {
    }

    record FeedPage(List<FeedItem> items, String nextCursor) {
    }

    @Operation(summary = "Community activity, newest first, with cursor paging")
    @GetMapping("/feed")
    FeedPage feed(@RequestParam(required = false) String cursor, @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be between 1 and 100");
        }
        Bson filter = Filters.exists(TYPE, true);
        if (cursor != null && !cursor.isBlank()) {
            Cursor after = Cursor.decode(cursor);
            Date at = Date.from(after.occurredAt());
            // the bound on occurredAt alone lets the index start at the cursor; the $or settles ties by id
            filter = Filters.and(filter, Filters.lte(OCCURRED_AT, at), Filters.or(Filters.lt(OCCURRED_AT, at),
                    Filters.and(Filters.eq(OCCURRED_AT, at), Filters.lt("_id", after.id()))));
        }
        List<Document> rows = collections.get(FeedProjection.ITEMS).find(filter).sort(Sorts.orderBy(Sorts.descending(OCCURRED_AT), Sorts.descending("_id")))
                .limit(limit + 1).into(new ArrayList<>());
        boolean more = rows.size() > limit;
        List<Document> page = more ? rows.subList(0, limit) : rows;
        Set<String> people = new HashSet<>();
        page.forEach(d -> members(d).forEach(people::add));
        Map<String, String> names = profiles.displayNames(people);
        personal.prefetch(page.stream().map(d -> d.getString(DETAIL)).toList());
        List<FeedItem> feed = page.stream().map(d -> {
            // an erased actor's detail stays hidden even if it was written before sealing existed
            String detail = PersonalTexts.FORMER_MEMBER.equals(names.get(d.getString(ACTOR_ID))) ? null
                    : personal.text(d.getString(DETAIL));
            return new FeedItem(d.getString("_id"), d.getString(TYPE), text(d, names, detail),
                    d.getDate(OCCURRED_AT).toInstant(), members(d), detail);
        }).toList();
        Document last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new FeedPage(feed, more ? new Cursor(last.getDate(OCCURRED_AT).toInstant(), last.getString("_id")).encode() : null);
    }

    private static List<String> members(Document d) {
        List<String> ids = new ArrayList<>();
        for (String field : List.of(ACTOR_ID, OTHER_ID, THIRD_ID)) {
            if (d.getString(field) != null) {
                ids.add(d.getString(field));
            }
        }
        return ids;
    }

    private static String text(Document d, Map<String, String> names, String detail) {
        String actor = name(d.getString(ACTOR_ID), names);
        String other = name(d.getString(OTHER_ID), names);
        String third = name(d.getString(THIRD_ID), names);
        return switch (d.getString(TYPE)) {
            case "JOINED" -> actor + " joined the community";
            case "HELPED" -> actor + " helped " + other;
            case "MET" -> actor + " and " + other + " met";
            case "INTRODUCED" -> actor + " introduced " + other + " and " + third;
            case "INTRODUCTION_FRUITFUL" -> actor + "'s introduction of " + other + " and " + third + " bore fruit";
            case "NEED_POSTED" -> detail == null ? actor + " posted a need" : actor + " is looking for: " + detail;
            case "OFFER_POSTED" -> detail == null ? actor + " posted an offer" : actor + " offers: " + detail;
            default -> actor + " did something";
        };
    }

    private static String name(String memberId, Map<String, String> names) {
        return memberId == null ? null : names.getOrDefault(memberId, memberId);
    }
}
