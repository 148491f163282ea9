package io.givefirst.query.history;

import com.mongodb.client.model.Filters;
import io.givefirst.query.paging.Cursor;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.ReadModelCollections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.stereotype.Repository;

/**
 * Reads of the contribution-history read model: the member's index document, then the page's entries, both by
 * {@code _id} — two primary-key reads whatever the size of the collection (ADR 10).
 */
@Repository
class HistoryRepository {
    private final ReadModelCollections collections;

    HistoryRepository(Generations generations) {
        this.collections = generations.liveOf(ContributionHistoryProjection.NAME);
    }

    /** One page of a member's history, newest first, strictly after {@code after} when given. */
    List<Document> page(String memberId, HistoryFilter filter, Cursor after, int limit) {
        Document index = collections.get(ContributionHistoryProjection.INDEX).find(Filters.eq("_id", memberId)).first();
        if (index == null) {
            return List.of();
        }
        List<String> ids = HistoryIndex.page(index.getList(HistoryIndex.ENTRIES, String.class), filter, after, limit);
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Document> entries = collections.get(ContributionHistoryProjection.ENTRIES)
                .find(Filters.in("_id", ids)).into(new ArrayList<>()).stream()
                .collect(Collectors.toMap(d -> d.getString("_id"), Function.identity()));
        // an entry whose reference was written a moment before the entry itself shows from the next read on
        return ids.stream().map(entries::get).filter(Objects::nonNull).toList();
    }
}
