package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How one ordered index answers one query: the ranges of its entries to read and whether reading them in order
 * yields the query's sort — then the server walks the index and stops after skip + limit matches instead of
 * loading and sorting every match.
 *
 * @param intervals      half-open ranges {@code [from, to)} of entry keys, in index order ({@code to} null: open)
 * @param constrainedKeys how many leading keys of the index the query constrains
 * @param walksSort      reading the intervals in order (or reversed) is the query's sort order
 * @param tieKeys        leading keys that decide the sort; entries equal in them are ties, returned in the
 *                       collection's natural order as the server's in-memory sort would
 */
record QueryPlan<P>(OrderedIndex<P> index, List<Interval> intervals, int constrainedKeys, boolean walksSort,
                    boolean descending, int tieKeys) {

    /** Beyond this many ranges (a product of {@code $in} lists) further keys are left to the matcher. */
    private static final int MAX_INTERVALS = 512;

    record Interval(String from, String to) {
    }

    /** The plan of {@code index} for a query, or null when the index cannot serve it. */
    static <P> QueryPlan<P> of(OrderedIndex<P> index, Map<String, Bounds> bounds, Document orderBy) {
        if (!index.plannable()) {
            return null;
        }
        Narrowing narrowing = new Narrowing(index.multikey());
        for (IndexKey key : index.getKeys()) {
            Bounds bound = bounds.get(key.getKey());
            if (bound == null || (index.sparse() && bound.includesNull()) || (bound.negated() && index.multikey())
                    || !narrowing.by(key, bound)) {
                break;
            }
        }
        List<Interval> intervals = narrowing.intervals();
        if (narrowing.constrained == 0 && index.sparse()) {
            return null;
        }
        int sortKeys = sortedByIndex(index, orderBy, narrowing.singlePoints);
        if (narrowing.constrained == 0 && sortKeys == 0) {
            return null;
        }
        return new QueryPlan<>(index, intervals, narrowing.constrained, sortKeys != 0, sortKeys < 0,
                narrowing.singlePoints + Math.abs(sortKeys));
    }

    /** The intervals of the index's keys a query's bounds leave, narrowed key by key from the first. */
    private static final class Narrowing {
        private final boolean multikey;
        private List<String> prefixes = List.of(OrderedIndex.ENTRY);
        private final List<Interval> ranges = new ArrayList<>();
        private int constrained;
        private int singlePoints;
        private boolean ranged;

        Narrowing(boolean multikey) {
            this.multikey = multikey;
        }

        /** Narrows by the next key's bound; false when no later key can narrow further. */
        boolean by(IndexKey key, Bounds bound) {
            if (bound.isRange()) {
                for (String prefix : prefixes) {
                    Interval interval = range(prefix, bound, key.isAscending(), multikey);
                    if (interval.to() == null || interval.from().compareTo(interval.to()) < 0) {
                        ranges.add(interval);
                    }
                }
                constrained++;
                ranged = true;
                return false;
            }
            List<String> points = bound.points().stream().map(p -> KeyEncoding.encode(p, key.isAscending()))
                    .distinct().sorted().toList();
            if ((long) prefixes.size() * points.size() > MAX_INTERVALS) {
                return false;
            }
            List<String> longer = new ArrayList<>();
            prefixes.forEach(prefix -> points.forEach(point -> longer.add(prefix + point)));
            singlePoints += constrained == singlePoints && points.size() == 1 ? 1 : 0;
            prefixes = longer;
            constrained++;
            return true;
        }

        /** The range intervals, or one interval per equality prefix when no key was a range. */
        List<Interval> intervals() {
            if (ranged) {
                return ranges;
            }
            List<Interval> intervals = new ArrayList<>();
            prefixes.forEach(prefix -> intervals.add(new Interval(prefix, KeyEncoding.after(prefix))));
            return intervals;
        }
    }

    /**
     * How many keys of the sort the index order yields after its {@code fixed} leading keys (held to one value
     * each, so they do not change the order): positive when read forwards, negative backwards, 0 when the index
     * order is not the sort order.
     */
    private static int sortedByIndex(OrderedIndex<?> index, Document orderBy, int fixed) {
        if (orderBy == null || orderBy.isEmpty() || index.multikey() || index.hasOddDocuments()) {
            return 0;
        }
        List<IndexKey> keys = index.getKeys();
        List<String> fixedFields = keys.subList(0, fixed).stream().map(IndexKey::getKey).toList();
        int position = fixed;
        int direction = 0;
        for (Map.Entry<String, Object> sort : orderBy.entrySet()) {
            if (fixedFields.contains(sort.getKey())) {
                continue;
            }
            if (sort.getKey().startsWith("$") || !(sort.getValue() instanceof Number order) || position >= keys.size()
                    || !keys.get(position).getKey().equals(sort.getKey())) {
                return 0;
            }
            int sign = (order.intValue() > 0) == keys.get(position).isAscending() ? 1 : -1;
            if (direction != 0 && sign != direction) {
                return 0;
            }
            direction = sign;
            position++;
        }
        return direction * (position - fixed);
    }

    /**
     * The entries under {@code prefix} whose next component lies within {@code bound}. On a multikey index a
     * lower and an upper bound may be met by different elements of one array, so only the lower one is used.
     */
    private static Interval range(String prefix, Bounds bound, boolean ascending, boolean multikey) {
        Object lower = bound.lower();
        Object upper = multikey && lower != null ? null : bound.upper();
        Object first = ascending ? lower : upper;
        Object last = ascending ? upper : lower;
        boolean firstInclusive = ascending ? bound.lowerInclusive() : bound.upperInclusive();
        boolean lastInclusive = ascending ? bound.upperInclusive() : bound.lowerInclusive();
        String from = first == null ? prefix
                : firstInclusive ? prefix + KeyEncoding.encode(first, ascending)
                : KeyEncoding.after(prefix + KeyEncoding.encode(first, ascending));
        String to = last == null ? KeyEncoding.after(prefix)
                : lastInclusive ? KeyEncoding.after(prefix + KeyEncoding.encode(last, ascending))
                : prefix + KeyEncoding.encode(last, ascending);
        return new Interval(from, to);
    }

    /** How many entries the plan reads, counted up to {@code cap}: a cheap measure of its cost. */
    long estimate(int cap) {
        long counted = 0;
        for (Interval interval : intervals) {
            Iterator<?> entries = index.entries().range(interval.from(), interval.to(), false);
            while (entries.hasNext() && counted < cap) {
                entries.next();
                counted++;
            }
        }
        Iterator<?> odd = index.oddDocuments();
        while (odd.hasNext() && counted < cap) {
            odd.next();
            counted++;
        }
        return counted;
    }
}
