package io.givefirst.query.history;

import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.ReadModelCollections;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.givefirst.query.paging.Cursor;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;

/** Reads of the contribution-history read model. */
@Repository
class HistoryRepository {
    private final ReadModelCollections collections;

    HistoryRepository(Generations generations) {
        this.collections = generations.liveOf(ContributionHistoryProjection.NAME);
    }

    /** One page of a member's history, newest first, strictly after {@code after} when given. */
    List<Document> page(String memberId, HistoryFilter filter, Cursor after, int limit) {
        List<Bson> conditions = new ArrayList<>();
        conditions.add(Filters.eq("memberId", memberId));
        if (filter.kind() != null) {
            conditions.add(Filters.eq("kind", filter.kind()));
        }
        if (filter.role() != null) {
            conditions.add(Filters.eq("role", filter.role()));
        }
        if (filter.since() != null) {
            conditions.add(Filters.gte("occurredAt", Date.from(filter.since())));
        }
        if (filter.until() != null) {
            conditions.add(Filters.lt("occurredAt", Date.from(filter.until())));
        }
        if (after != null) {
            Date at = Date.from(after.occurredAt());
            conditions.add(Filters.or(Filters.lt("occurredAt", at),
                    Filters.and(Filters.eq("occurredAt", at), Filters.lt("_id", after.id()))));
        }
        return collections.get(ContributionHistoryProjection.ENTRIES).find(Filters.and(conditions))
                .sort(Sorts.orderBy(Sorts.descending("occurredAt"), Sorts.descending("_id")))
                .limit(limit)
                .into(new ArrayList<>());
    }
}
