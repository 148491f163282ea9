package io.givefirst.query.connections;

import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.ReadModelCollections;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.givefirst.query.profile.ProfileRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Connections", description = "Whom a member is linked to, and who could introduce two members")
class ConnectionsQueryController {
    private final ReadModelCollections collections;
    /** How much each confirmed fact weighs in a connection's strength. */
    static final int MEETING_WEIGHT = 3;
    static final int HELP_WEIGHT = 2;
    static final int INTRODUCTION_WEIGHT = 1;
    static final int MAX_HOPS = 4;
    private static final int MAX_VISITED = 20_000;

    private final ProfileRepository profiles;

    ConnectionsQueryController(Generations generations, ProfileRepository profiles) {
        this.collections = generations.liveOf(ConnectionsProjection.NAME);
        this.profiles = profiles;
    }

    record Connection(String memberId, String displayName, int strength, int meetings, int helpGiven,
                      int helpReceived, int introductions, Instant since) {
    }

    record Person(String memberId, String displayName) {
    }

    /** {@code path} runs from one member to the other; the people between them are the introducers. */
    record IntroductionPath(boolean found, int hops, List<Person> path, List<Person> introducers) {
    }

    @Operation(summary = "Whom a member is linked to, strongest first (confirmed meetings ×3, verified help either way ×2, accepted introductions ×1)")
    @GetMapping("/members/{memberId}/connections")
    List<Connection> connections(@PathVariable String memberId, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be between 1 and 500");
        }
        Document counts = new Document("otherId", 1).append("since", 1);
        for (String set : List.of("meetings", "helpGiven", "helpReceived", "introductions")) {
            counts.append(set, new Document("$size", new Document("$ifNull", List.of("$" + set, List.of()))));
        }
        Document strength = new Document("$add", List.of(
                new Document("$multiply", List.of("$meetings", MEETING_WEIGHT)),
                new Document("$multiply", List.of(new Document("$add", List.of("$helpGiven", "$helpReceived")), HELP_WEIGHT)),
                new Document("$multiply", List.of("$introductions", INTRODUCTION_WEIGHT))));
        List<Document> rows = collections.get(ConnectionsProjection.EDGES).aggregate(List.of(Aggregates.match(Filters.eq("memberId", memberId)),
                Aggregates.project(counts), Aggregates.addFields(new com.mongodb.client.model.Field<>("strength", strength)),
                Aggregates.sort(Sorts.orderBy(Sorts.descending("strength"), Sorts.ascending("since"))),
                Aggregates.limit(limit))).into(new ArrayList<>());
        Map<String, String> names = profiles.displayNames(rows.stream().map(r -> r.getString("otherId")).toList());
        return rows.stream().map(r -> new Connection(r.getString("otherId"), names.get(r.getString("otherId")),
                r.getInteger("strength"), r.getInteger("meetings"), r.getInteger("helpGiven"),
                r.getInteger("helpReceived"), r.getInteger("introductions"), r.getDate("since").toInstant())).toList();
    }

    @Operation(summary = "The shortest chain of confirmed relationships from one member to another (up to 4 hops)")
    @GetMapping("/members/{memberId}/introduction-path/{otherId}")
    IntroductionPath introductionPath(@PathVariable String memberId, @PathVariable String otherId) {
        if (memberId.equals(otherId)) {
            throw new IllegalArgumentException("a path needs two different members");
        }
        Map<String, String> cameFrom = new HashMap<>();
        cameFrom.put(memberId, null);
        Set<String> frontier = Set.of(memberId);
        for (int hop = 1; hop <= MAX_HOPS && !frontier.isEmpty() && cameFrom.size() < MAX_VISITED; hop++) {
            Set<String> next = new HashSet<>();
            for (Document edge : collections.get(ConnectionsProjection.EDGES).find(Filters.in("memberId", frontier))
                    .projection(Projections.include("memberId", "otherId"))) {
                String to = edge.getString("otherId");
                if (!cameFrom.containsKey(to)) {
                    cameFrom.put(to, edge.getString("memberId"));
                    next.add(to);
                }
            }
            if (cameFrom.containsKey(otherId)) {
                return pathTo(otherId, cameFrom);
            }
            frontier = next;
        }
        return new IntroductionPath(false, 0, List.of(), List.of());
    }

    private IntroductionPath pathTo(String target, Map<String, String> cameFrom) {
        LinkedList<String> ids = new LinkedList<>();
        for (String at = target; at != null; at = cameFrom.get(at)) {
            ids.addFirst(at);
        }
        Map<String, String> names = profiles.displayNames(ids);
        List<Person> path = ids.stream().map(id -> new Person(id, names.get(id))).toList();
        return new IntroductionPath(true, path.size() - 1, path, path.subList(1, path.size() - 1));
    }
}
