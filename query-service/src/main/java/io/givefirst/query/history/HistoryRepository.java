package io.givefirst.query.history;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

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

    /** One page of a member's history, newest first, strictly after {@code after} when given. */
    List<Document> page(String memberId, HistoryFilter filter, Cursor after, int limit) {
        List<Bson> conditions = new ArrayList<>(List.of(eq("memberId", memberId)));
        if (filter.kind() != null) {
            conditions.add(eq("kind", filter.kind()));
        }
        if (filter.role() != null) {
            conditions.add(eq("role", filter.role()));
        }
        if (filter.since() != null) {
            conditions.add(gte("occurredAt", Date.from(filter.since())));
        }
        if (filter.until() != null) {
            conditions.add(lt("occurredAt", Date.from(filter.until())));
        }
        if (after != null) {
            Date at = Date.from(after.occurredAt());
            // the bound on occurredAt alone lets the index start at the cursor; the $or settles ties by id
            conditions.add(lte("occurredAt", at));
            conditions.add(or(lt("occurredAt", at), and(eq("occurredAt", at), lt("_id", after.id()))));
        }
        return collections.get(ContributionHistoryProjection.ENTRIES).find(and(conditions))
                .sort(ContributionHistoryProjection.NEWEST_FIRST).limit(limit).into(new ArrayList<>());
    }
}
