package io.givefirst.local.infra.costs;

import com.mongodb.client.MongoClient;
import io.givefirst.local.infra.mongo.QueryLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether what the platform's queries examine grows with its collections. The same {@link PlatformTour} runs
 * while the collections are small and again once they are large (with new members each time); every query shape
 * the platform issued meanwhile — its own, its listeners', Axon's — is compared between the two runs: documents
 * examined may not grow with the collections, and may exceed the documents returned by no more than a small
 * constant (a page read from an index examines its page). A shape that no index serves still answers, and the
 * check names it.
 *
 * @param small       collections that stay small by nature (one document per configured thing, such as a
 *                    projection's generation): reading them whole is allowed
 * @param slack       how many documents a query may examine beyond what it returns, and beyond what it examined
 *                    before
 * @param aggregating shapes (by the start of their text) that read everything they aggregate, such as a
 *                    leaderboard counting a period's help, with the reason each may: reported, not failed
 */
public record QueryCostCheck(MongoClient client, PlatformTour tour, Set<String> small, long slack,
                             Map<String, String> aggregating) {

    /** What each query shape cost while the tour ran once, with members named by {@code prefix}. */
    public Map<String, QueryLog.Shape> measure(String prefix) {
        QueryCosts.readAndClear(client);
        tour.run(prefix);
        return QueryCosts.readAndClear(client);
    }

    /** What breaks the rule between two measurements, one line each (empty: the check passes). */
    public List<String> problems(Map<String, QueryLog.Shape> before, Map<String, QueryLog.Shape> after) {
        List<String> problems = new ArrayList<>();
        for (QueryLog.Shape shape : after.values()) {
            QueryLog.Shape earlier = before.get(shape.shape());
            if (reasonToAggregate(shape.shape()) != null) {
                continue;
            }
            if (shape.scanned() && !small.contains(collectionOf(shape.shape()))) {
                problems.add("no index serves " + shape.shape() + ": it examined " + shape.maxExamined());
            } else if (earlier != null && shape.maxExamined() > earlier.maxExamined() + slack) {
                problems.add(shape.shape() + " examined " + earlier.maxExamined() + " then " + shape.maxExamined()
                        + " as the collections grew");
            } else if (shape.maxExaminedBeyondReturned() > slack) {
                problems.add(shape.shape() + " examined " + shape.maxExaminedBeyondReturned()
                        + " documents more than it returned (" + shape.plan() + ")");
            }
        }
        return problems;
    }

    private String reasonToAggregate(String shape) {
        return aggregating.entrySet().stream().filter(e -> shape.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** A markdown table of every shape: its plan and what it examined in both measurements. */
    public List<String> report(String beforeLabel, Map<String, QueryLog.Shape> before, String afterLabel,
                               Map<String, QueryLog.Shape> after) {
        List<String> lines = new ArrayList<>();
        lines.add("| query shape | plan | examined (%s) | examined (%s) | returned (max) |".formatted(beforeLabel, afterLabel));
        lines.add("|---|---|---|---|---|");
        for (String shape : new TreeSet<>(after.keySet())) {
            QueryLog.Shape earlier = before.get(shape);
            QueryLog.Shape later = after.get(shape);
            String reason = reasonToAggregate(shape);
            lines.add("| `%s` | %s | %s | %d | %d |".formatted(shape.replace("|", "\\|"),
                    later.plan() + (reason == null ? "" : " — reads what it aggregates: " + reason),
                    earlier == null ? "–" : earlier.maxExamined(), later.maxExamined(), later.maxReturned()));
        }
        return lines;
    }

    private static String collectionOf(String shape) {
        return shape.substring(0, shape.indexOf(' '));
    }
}
