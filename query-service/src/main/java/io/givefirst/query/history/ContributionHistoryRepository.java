package io.givefirst.query.history;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;

/**
 * The contribution-history read model: one document per (act, member) in {@code contribution_history}, plus the
 * display names it shows in {@code history_members}. Writes are upserts by natural id that set only the fields
 * their event owns, so any number of deliveries in any order converge to the same documents.
 */
@Repository
class ContributionHistoryRepository {
    static final String ENTRIES = "contribution_history";
    static final String MEMBERS = "history_members";
    private static final int DUPLICATE_KEY = 11000;

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> members;

    ContributionHistoryRepository(MongoDatabase readDatabase) {
        this.entries = readDatabase.getCollection(ENTRIES);
        this.members = readDatabase.getCollection(MEMBERS);
        // the portal's one query: a member's entries, newest first, paged by (occurredAt, _id)
        entries.createIndex(Indexes.compoundIndex(Indexes.ascending("memberId"), Indexes.descending("occurredAt"),
                Indexes.descending("_id")));
    }

    /** Collects a batch's writes so that it costs one round trip per collection. */
    final class Batch {
        private final List<WriteModel<Document>> entryWrites = new ArrayList<>();
        private final List<WriteModel<Document>> memberWrites = new ArrayList<>();

        void setEntryFields(String entryId, Bson... updates) {
            entryWrites.add(new UpdateOneModel<>(Filters.eq("_id", entryId), Updates.combine(updates),
                    new UpdateOptions().upsert(true)));
        }

        /**
         * Sets a member's display name unless a later event of that member (higher sequence) already set it.
         * When the guard fails the upsert collides on _id: that duplicate-key error means "already newer".
         */
        void setDisplayName(String memberId, String displayName, long sequence) {
            Bson newerThanStored = Filters.or(Filters.exists("nameSequence", false), Filters.lt("nameSequence", sequence));
            memberWrites.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", memberId), newerThanStored),
                    Updates.combine(Updates.set("displayName", displayName), Updates.set("nameSequence", sequence)),
                    new UpdateOptions().upsert(true)));
        }

        void apply() {
            write(members, memberWrites, true);
            write(entries, entryWrites, false);
        }
    }

    Batch batch() {
        return new Batch();
    }

    /** {@code guarded}: the writes are version-guarded upserts, whose duplicate-key errors mean "already newer". */
    private static void write(MongoCollection<Document> collection, List<WriteModel<Document>> writes, boolean guarded) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyStaleWrites = guarded && e.getWriteErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY)
                    && e.getWriteConcernError() == null;
            if (!onlyStaleWrites) {
                throw e;
            }
        }
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
        return entries.find(Filters.and(conditions))
                .sort(Sorts.orderBy(Sorts.descending("occurredAt"), Sorts.descending("_id")))
                .limit(limit)
                .into(new ArrayList<>());
    }

    /** Display names of the given members, by id; members not yet seen are absent. */
    Map<String, String> displayNames(Collection<String> memberIds) {
        Map<String, String> names = new HashMap<>();
        if (memberIds.isEmpty()) {
            return names;
        }
        members.find(Filters.in("_id", memberIds)).projection(Projections.include("displayName"))
                .forEach(d -> names.put(d.getString("_id"), d.getString("displayName")));
        return names;
    }
}
