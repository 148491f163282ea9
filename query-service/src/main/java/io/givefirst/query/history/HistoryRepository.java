package io.givefirst.query.history;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static io.givefirst.query.history.HistoryFields.ACKNOWLEDGED_AT;
import static io.givefirst.query.history.HistoryFields.CONFIRMED_AT;
import static io.givefirst.query.history.HistoryFields.DECLINED_AT;
import static io.givefirst.query.history.HistoryFields.DISPUTED_AT;
import static io.givefirst.query.history.HistoryFields.FRUITFUL_AT;
import static io.givefirst.query.history.HistoryFields.KIND;
import static io.givefirst.query.history.HistoryFields.MEMBER_ID;
import static io.givefirst.query.history.HistoryFields.OCCURRED_AT;
import static io.givefirst.query.history.HistoryFields.OPENED_AT;
import static io.givefirst.query.history.HistoryFields.ROLE;
import static io.givefirst.query.history.HistoryFields.VERIFIED_AT_ONCE;

import io.givefirst.query.paging.Cursor;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.ReadModelCollections;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;

/**
 * Reads of the contribution-history read model: one page is one query, served by an index that starts with the
 * member and is sorted newest first ({@link ContributionHistoryProjection#createIndexes()}).
 */
@Repository
class HistoryRepository {
    private final ReadModelCollections collections;

    HistoryRepository(Generations generations) {
        this.collections = generations.liveOf(ContributionHistoryProjection.NAME);
    }

    /**
     * The entries both sides agreed to, which are all another member may see: help acknowledged by its receiver or
     * confirmed by its giver ({@code acknowledgedAt}; before ADR 18, recorded by its receiver) and not disputed,
     * confirmed meetings, introductions both accepted. Card requests, follow-ups, unconfirmed meetings, claims,
     * disputes and declined introductions are their owner's only.
     */
    static final Bson AGREED_BY_BOTH = or(
            and(eq(KIND, "HELP"), eq(DISPUTED_AT, null), or(eq(VERIFIED_AT_ONCE, true), ne(ACKNOWLEDGED_AT, null))),
            and(eq(KIND, "MEETING"), ne(CONFIRMED_AT, null)),
            and(eq(KIND, "INTRODUCTION"), eq(DECLINED_AT, null), or(ne(OPENED_AT, null), ne(FRUITFUL_AT, null))));

    /**
     * One page of a member's history, newest first, strictly after {@code after} when given; only what both sides
     * agreed to unless {@code everything} (the member's own reading).
     */
    List<Document> page(String memberId, HistoryFilter filter, boolean everything, Cursor after, int limit) {
        List<Bson> conditions = new ArrayList<>(List.of(eq(MEMBER_ID, memberId)));
        if (!everything) {
            conditions.add(AGREED_BY_BOTH);
        }
        if (filter.kind() != null) {
            conditions.add(eq(KIND, filter.kind()));
        }
        if (filter.role() != null) {
            conditions.add(eq(ROLE, filter.role()));
        }
        if (filter.since() != null) {
            conditions.add(gte(OCCURRED_AT, Date.from(filter.since())));
        }
        if (filter.until() != null) {
            conditions.add(lt(OCCURRED_AT, Date.from(filter.until())));
        }
        if (after != null) {
            Date at = Date.from(after.occurredAt());
            // the bound on occurredAt alone lets the index start at the cursor; the $or settles ties by id
            conditions.add(lte(OCCURRED_AT, at));
            conditions.add(or(lt(OCCURRED_AT, at), and(eq(OCCURRED_AT, at), lt("_id", after.id()))));
        }
        return collections.get(ContributionHistoryProjection.ENTRIES).find(and(conditions))
                .sort(ContributionHistoryProjection.NEWEST_FIRST).limit(limit).into(new ArrayList<>());
    }
}
