package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a plan's ranges in index order and hands out matching documents a few at a time, so a sorted query
 * with a limit — or a cursor its client stops reading — loads only what it returns (plus the non-matching
 * entries on the way). Entries equal in the sort's keys are ties: they are loaded together and returned in the
 * collection's natural order, as the server's stable in-memory sort would return them.
 * <p>
 * A query with no sort is read the same way, in index order as MongoDB returns it, its entries a group of
 * {@link #GROUP} at a time and the index's odd documents last: nothing collects and sorts every candidate first
 * (at 1 000 000 events the leaderboard's period, 141 000 positions, took seconds under the collection's lock).
 * <p>
 * The walk keeps no iterator between calls: each step seeks again from the last key it read, so the collection
 * may change between two batches of a cursor (as with MongoDB, documents inserted ahead of the walk are seen).
 * Callers hold the collection's lock while calling it.
 */
final class IndexWalk implements BatchCursor.Batches {
    /** How many entries an unsorted walk reads per step. */
    private static final int GROUP = 256;
    /** Told, once, how many documents the walk examined and returned in all when it reaches its end. */
    interface Finished {
        void examined(long examined, long returned);
    }

    private final QueryPlan<?> plan;
    private final boolean sorted;
    /** Whether one document may have several entries in the plan's ranges (an array value, ranges that meet). */
    private final boolean mayRepeat;
    private final Finished finished;
    private boolean oddRead;
    private boolean reported;
    private long returned;
    private final Document query;
    private final IndexedQueries.Access<?> collection;
    private final Deque<Document> ready = new ArrayDeque<>();
    private final Set<Object> visited = new HashSet<>();
    private int toSkip;
    private int remaining;
    private int interval;
    private String resumeAfter;
    private long examined;

    /** A walk in the sort's order: {@code plan.walksSort()}. */
    IndexWalk(QueryPlan<?> plan, Document query, int skip, int limit, IndexedQueries.Access<?> collection) {
        this(plan, true, query, skip, limit, collection, (examined, returned) -> { });
    }

    /** A walk for a query with no sort, in index order. */
    static IndexWalk unsorted(QueryPlan<?> plan, Document query, int skip, int limit,
                              IndexedQueries.Access<?> collection, Finished finished) {
        return new IndexWalk(plan, false, query, skip, limit, collection, finished);
    }

    private IndexWalk(QueryPlan<?> plan, boolean sorted, Document query, int skip, int limit,
                      IndexedQueries.Access<?> collection, Finished finished) {
        this.plan = plan;
        this.sorted = sorted;
        this.mayRepeat = sorted || plan.index().multikey() || plan.intervals().size() > 1;
        this.finished = finished;
        this.query = query;
        this.collection = collection;
        this.toSkip = Math.max(skip, 0);
        this.remaining = limit > 0 ? limit : -1;
    }

    @Override
    public List<Document> take(int n) {
        List<Document> taken = new ArrayList<>();
        while ((n <= 0 || taken.size() < n) && remaining != 0 && (!ready.isEmpty() || fill())) {
            taken.add(ready.poll());
            remaining = remaining > 0 ? remaining - 1 : remaining;
        }
        returned += taken.size();
        exhausted();
        return taken;
    }

    @Override
    public boolean exhausted() {
        boolean exhausted = remaining == 0 || (ready.isEmpty() && !fill());
        if (exhausted && !reported) {
            reported = true;
            finished.examined(examined, returned);
        }
        return exhausted;
    }

    long examined() {
        return examined;
    }

    private boolean fill() {
        while (ready.isEmpty()) {
            List<Object> ties = nextTies();
            if (ties == null) {
                return false;
            }
            if (sorted) {
                ties.sort(collection.naturalOrder());
            }
            for (Object position : ties) {
                if (mayRepeat && !visited.add(position)) {
                    continue; // a document that became an array between two batches has an entry further on too
                }
                Document document = collection.load(position);
                examined++;
                if (document != null && collection.matches(document, query)) {
                    if (toSkip > 0) {
                        toSkip--;
                    } else {
                        ready.add(document);
                    }
                }
            }
        }
        return true;
    }

    /** The positions of the next group of entries equal in the sort's keys, or null at the end. */
    private List<Object> nextTies() {
        List<Object> positions = new ArrayList<>();
        String tie = null;
        String last = null;
        List<QueryPlan.Interval> intervals = plan.intervals();
        int group = remaining > 0 ? (int) Math.min(GROUP, (long) toSkip + remaining) : GROUP;
        for (; interval < intervals.size(); interval++) {
            QueryPlan.Interval range = intervals.get(plan.descending() ? intervals.size() - 1 - interval : interval);
            Iterator<Map.Entry<String, Object>> entries = entriesAfterResume(range);
            while (entries.hasNext()) {
                Map.Entry<String, Object> entry = entries.next();
                String prefix = sorted ? tiePrefix(entry.getKey()) : null;
                if (sorted ? tie != null && !tie.equals(prefix) : positions.size() == group) {
                    resumeAfter = last;
                    return positions;
                }
                tie = prefix;
                last = entry.getKey();
                positions.add(entry.getValue());
            }
        }
        resumeAfter = last != null ? last : resumeAfter;
        if (!sorted && !oddRead && positions.isEmpty()) {
            // a sorted walk is planned only for an index without odd documents
            oddRead = true;
            plan.index().oddDocuments().forEachRemaining(entry -> positions.add(entry.getValue()));
        }
        return positions.isEmpty() ? null : positions;
    }

    private Iterator<Map.Entry<String, Object>> entriesAfterResume(QueryPlan.Interval range) {
        String from = range.from();
        String to = range.to();
        if (resumeAfter != null && !plan.descending()) {
            String next = resumeAfter + '\u0000';
            from = next.compareTo(from) > 0 ? next : from;
        } else if (resumeAfter != null) {
            to = to == null || resumeAfter.compareTo(to) < 0 ? resumeAfter : to;
        }
        if (to != null && from.compareTo(to) >= 0) {
            return java.util.Collections.emptyIterator();
        }
        return plan.index().entries().range(from, to, plan.descending());
    }

    private String tiePrefix(String key) {
        List<IndexKey> keys = plan.index().getKeys();
        int end = OrderedIndex.ENTRY.length();
        for (int i = 0; i < plan.tieKeys(); i++) {
            end = KeyEncoding.componentEnd(key, end, keys.get(i).isAscending());
        }
        return key.substring(0, end);
    }
}
