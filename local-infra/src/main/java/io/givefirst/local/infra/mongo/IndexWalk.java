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
 * The walk keeps no iterator between calls: each step seeks again from the last key it read, so the collection
 * may change between two batches of a cursor (as with MongoDB, documents inserted ahead of the walk are seen).
 * Callers hold the collection's lock while calling it.
 */
final class IndexWalk implements BatchCursor.Batches {
    private final QueryPlan<?> plan;
    private final Document query;
    private final IndexedQueries.Access<?> collection;
    private final Deque<Document> ready = new ArrayDeque<>();
    private final Set<Object> visited = new HashSet<>();
    private int toSkip;
    private int remaining;
    private int interval;
    private String resumeAfter;
    private long examined;

    IndexWalk(QueryPlan<?> plan, Document query, int skip, int limit, IndexedQueries.Access<?> collection) {
        this.plan = plan;
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
        return taken;
    }

    @Override
    public boolean exhausted() {
        return remaining == 0 || (ready.isEmpty() && !fill());
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
            ties.sort(collection.naturalOrder());
            for (Object position : ties) {
                if (!visited.add(position)) {
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
        for (; interval < intervals.size(); interval++) {
            QueryPlan.Interval range = intervals.get(plan.descending() ? intervals.size() - 1 - interval : interval);
            Iterator<Map.Entry<String, Object>> entries = entriesAfterResume(range);
            while (entries.hasNext()) {
                Map.Entry<String, Object> entry = entries.next();
                String prefix = tiePrefix(entry.getKey());
                if (tie != null && !tie.equals(prefix)) {
                    resumeAfter = last;
                    return positions;
                }
                tie = prefix;
                last = entry.getKey();
                positions.add(entry.getValue());
            }
        }
        resumeAfter = last != null ? last : resumeAfter;
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
