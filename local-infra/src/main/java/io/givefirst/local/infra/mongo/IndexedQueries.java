package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The query path of an indexed collection. For each query it picks, as MongoDB's planner would, the cheapest way
 * to find candidates: an exact match of the backend's unique index, the ranges of an {@link OrderedIndex}, or —
 * when no index serves the query — a scan of the collection. The server's matcher still checks every candidate,
 * so an index changes what a query costs, never what it answers; candidates are visited in the order a scan
 * would visit them, so even ties and unsorted results come back in the same order. What each query cost is
 * written to the {@link QueryLog}.
 */
final class IndexedQueries<P> {
    /** How many entries a plan may count to compare its cost with the others'. */
    private static final int TRIAL = 101;

    /** What the query path needs of its collection (whose own methods for it are protected). */
    interface Access<P> {
        String name();

        List<Index<P>> indexes();

        int count();

        Document load(Object position);

        /** Every document's position, in the order a scan visits them. */
        List<P> positions();

        Comparator<Object> naturalOrder();

        boolean matches(Document document, Document query);

        QueryResult scan(Document query, Document orderBy, int skip, int limit, int batchSize, Document projection);

        QueryResult fromPositions(Document query, Iterable<P> positions, Document orderBy, int skip, int limit,
                                  int batchSize, Document projection);

        List<Document> project(List<Document> documents, Document projection);

        CursorRegistry cursors();

        /** What the collection synchronizes on. */
        Object monitor();

        /** How many documents the last {@link #scan} or {@link #fromPositions} matched. */
        int lastMatched();
    }

    private final Access<P> collection;
    private final Supplier<QueryLog> log;

    /** The log is looked up when a query runs: an H2 backend opens its collections before its own fields are set. */
    IndexedQueries(Access<P> collection, Supplier<QueryLog> log) {
        this.collection = collection;
        this.log = log;
    }

    /** Under the collection's lock: the backend's count path calls this without taking it. */
    QueryResult query(Document query, Document orderBy, int skip, int limit, int batchSize, Document projection) {
        synchronized (collection.monitor()) {
            return plan(query, orderBy, skip, limit, batchSize, projection);
        }
    }

    private QueryResult plan(Document query, Document orderBy, int skip, int limit, int batchSize, Document projection) {
        if (orderBy != null && orderBy.containsKey("$natural")) {
            return scan(query, orderBy, skip, limit, batchSize, projection);
        }
        for (Index<P> index : collection.indexes()) {
            // an exact match of a unique index goes where the backend sends it, in the order it answers
            Iterable<P> exact = index instanceof OrderedIndex<P> ordered ? ordered.exactMatch(query)
                    : index.canHandle(query) ? index.getPositions(query) : null;
            if (exact != null) {
                List<P> positions = new ArrayList<>();
                exact.forEach(positions::add);
                return fromPositions(index.getName(), positions, query, orderBy, skip, limit, batchSize, projection);
            }
        }
        Map<String, Bounds> bounds = Bounds.of(query);
        Choice<P> choice = choose(bounds, orderBy, skip, limit);
        if (choice == null) {
            return scan(query, orderBy, skip, limit, batchSize, projection);
        }
        if (choice.plan().walksSort()) {
            return walk(choice.plan(), query, orderBy, skip, limit, batchSize, projection);
        }
        if (orderBy == null || orderBy.isEmpty()) {
            return unsortedWalk(choice.plan(), query, skip, limit, batchSize, projection);
        }
        return fromPositions(choice.plan().index().getName(), candidates(choice.plan()), query, orderBy, skip, limit,
                batchSize, projection);
    }

    private QueryResult fromPositions(String plan, List<P> positions, Document query, Document orderBy, int skip,
                                      int limit, int batchSize, Document projection) {
        if (batchedRead(orderBy, skip, limit, batchSize, positions.size())) {
            // a large unsorted read in batches: the lock and the server thread are free between them
            QueryLog queryLog = log.get();
            PositionsRead read = new PositionsRead(positions, query, collection, matched -> queryLog.record(
                    collection.name(), query, orderBy, limit, plan, positions.size(), matched));
            return firstBatch(read.take(batchSize), !read.exhausted(), read, projection);
        }
        QueryResult result = collection.fromPositions(query, positions, orderBy, skip, limit, batchSize, projection);
        log.get().record(collection.name(), query, orderBy, limit, plan, positions.size(), collection.lastMatched());
        return result;
    }

    /** An unsorted, unlimited read of more candidates than one batch: read a batch per getMore. */
    private static boolean batchedRead(Document orderBy, int skip, int limit, int batchSize, int candidates) {
        boolean unordered = (orderBy == null || orderBy.isEmpty()) && skip <= 0 && limit <= 0;
        return unordered && batchSize > 0 && candidates > batchSize;
    }

    private QueryResult scan(Document query, Document orderBy, int skip, int limit, int batchSize, Document projection) {
        int examined = collection.count();
        if (batchedRead(orderBy, skip, limit, batchSize, examined)) {
            return fromPositions(QueryLog.COLLECTION_SCAN, collection.positions(), query, orderBy, skip, limit,
                    batchSize, projection);
        }
        QueryResult result = collection.scan(query, orderBy, skip, limit, batchSize, projection);
        log.get().record(collection.name(), query, orderBy, limit, QueryLog.COLLECTION_SCAN, examined, collection.lastMatched());
        return result;
    }

    private record Choice<P>(QueryPlan<P> plan, long cost) {
    }

    /**
     * The cheapest plan: a walk in sort order when the query has a sort and a limit (it stops early), else the
     * plan that reads the fewest entries, found by counting each plan's entries up to a small trial size.
     */
    private Choice<P> choose(Map<String, Bounds> bounds, Document orderBy, int skip, int limit) {
        Choice<P> best = null;
        for (Index<P> index : collection.indexes()) {
            if (index instanceof OrderedIndex<P> ordered) {
                QueryPlan<P> plan = QueryPlan.of(ordered, bounds, orderBy);
                if (plan == null) {
                    continue;
                }
                long cost = plan.estimate(TRIAL);
                if (plan.walksSort() && limit > 0) {
                    cost = Math.min(cost, skip + limit);
                }
                if (best == null || cost < best.cost() || (cost == best.cost() && better(plan, best.plan()))) {
                    best = new Choice<>(plan, cost);
                }
            }
        }
        return best;
    }

    private static boolean better(QueryPlan<?> plan, QueryPlan<?> than) {
        if (plan.walksSort() != than.walksSort()) {
            return plan.walksSort();
        }
        return plan.constrainedKeys() > than.constrainedKeys();
    }

    /**
     * Every position the plan's ranges hold (and the index's odd documents), in the collection's natural order, for
     * a sort the index order does not give: the server sorts the matches in memory, ties in natural order. A
     * position appears once per index entry: more than once only for an array value (a multikey index), ranges that
     * meet, or odd documents, so only then are duplicates removed.
     */
    @SuppressWarnings("unchecked")
    private List<P> candidates(QueryPlan<P> plan) {
        List<Object> positions = new ArrayList<>();
        for (QueryPlan.Interval interval : plan.intervals()) {
            plan.index().entries().range(interval.from(), interval.to(), false)
                    .forEachRemaining(entry -> positions.add(entry.getValue()));
        }
        int inRanges = positions.size();
        plan.index().oddDocuments().forEachRemaining(entry -> positions.add(entry.getValue()));
        boolean mayRepeat = plan.index().multikey() || plan.intervals().size() > 1 || positions.size() > inRanges;
        List<Object> ordered = mayRepeat ? new ArrayList<>(new LinkedHashSet<>(positions)) : positions;
        ordered.sort(collection.naturalOrder());
        return (List<P>) ordered;
    }

    private QueryResult walk(QueryPlan<P> plan, Document query, Document orderBy, int skip, int limit, int batchSize,
                             Document projection) {
        IndexWalk walk = new IndexWalk(plan, query, skip, limit, collection);
        List<Document> firstBatch = walk.take(batchSize);
        boolean more = !walk.exhausted();
        log.get().record(collection.name(), query, orderBy, limit, plan.index().getName() + " in order", walk.examined(),
                firstBatch.size());
        return firstBatch(firstBatch, more, walk, projection);
    }

    /** A query with no sort read in index order, a batch per getMore; its cost is logged once it has been read. */
    private QueryResult unsortedWalk(QueryPlan<P> plan, Document query, int skip, int limit, int batchSize,
                                     Document projection) {
        QueryLog queryLog = log.get();
        IndexWalk walk = IndexWalk.unsorted(plan, query, skip, limit, collection, (examined, returned) ->
                queryLog.record(collection.name(), query, null, limit, plan.index().getName(), examined, returned));
        List<Document> firstBatch = walk.take(batchSize);
        return firstBatch(firstBatch, !walk.exhausted(), walk, projection);
    }

    /** The first batch, and a cursor over the rest when there is more to read. */
    private QueryResult firstBatch(List<Document> first, boolean more, BatchCursor.Batches rest, Document projection) {
        List<Document> projected = collection.project(first, projection);
        if (!more) {
            return new QueryResult(projected);
        }
        BatchCursor cursor = new BatchCursor(collection.cursors().generateCursorId(), rest, collection, projection);
        collection.cursors().add(cursor);
        return new QueryResult(projected, cursor);
    }
}
