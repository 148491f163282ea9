package io.givefirst.query.connections;

import static io.givefirst.query.connections.ConnectionFields.HELP_GIVEN;
import static io.givefirst.query.connections.ConnectionFields.HELP_RECEIVED;
import static io.givefirst.query.connections.ConnectionFields.INTRODUCTIONS;
import static io.givefirst.query.connections.ConnectionFields.MEETINGS;
import static io.givefirst.query.connections.ConnectionFields.MEMBER_ID;
import static io.givefirst.query.connections.ConnectionFields.OTHER_ID;
import static io.givefirst.query.connections.ConnectionFields.SINCE;

import io.givefirst.query.consistency.ReadsFrom;
import io.givefirst.query.profile.ProfileProjection;
import io.givefirst.query.privacy.MemberData;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.ReadModelCollections;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.givefirst.query.profile.ProfileRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@ReadsFrom({ConnectionsProjection.NAME, ProfileProjection.NAME})
@Tag(name = "Connections", description = "Whom a member is linked to, and who could introduce two members")
class ConnectionsQueryController implements MemberData {
    private final ReadModelCollections collections;
    /** How much each confirmed fact weighs in a connection's strength. */
    static final int MEETING_WEIGHT = 3;
    static final int HELP_WEIGHT = 2;
    static final int INTRODUCTION_WEIGHT = 1;
    static final int MAX_HOPS = 4;
    private static final int MAX_VISITED = 20_000;
    /** The most edges one path search reads, whatever the shape of the graph. */
    static final long MAX_EDGES_READ = 100_000;
    private static final IntroductionPath NOT_FOUND = new IntroductionPath(false, 0, List.of(), List.of());
    private static final int FRONTIER_READ = 500;

    private static final Comparator<Connection> STRONGEST_FIRST = Comparator.comparingInt(Connection::strength)
            .reversed().thenComparing(Connection::since).thenComparing(Connection::memberId);

    private final ProfileRepository profiles;

    @Override
    public String section() {
        return "connections";
    }

    @Override
    public Object of(String memberId) {
        return connections(memberId, 500);
    }

    ConnectionsQueryController(Generations generations, ProfileRepository profiles) {
        this.collections = generations.liveOf(ConnectionsProjection.NAME);
        this.profiles = profiles;
    }

    record Connection(String memberId, String displayName, int strength, int meetings, int helpGiven,
                      int helpReceived, int introductions, Instant since) {
        Connection named(String name) {
            return new Connection(memberId, name, strength, meetings, helpGiven, helpReceived, introductions, since);
        }
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
        List<Document> edges = collections.get(ConnectionsProjection.EDGES).find(Filters.eq(MEMBER_ID, memberId))
                .into(new ArrayList<>());
        List<Connection> strongest = edges.stream().map(ConnectionsQueryController::connection)
                .sorted(STRONGEST_FIRST).limit(limit).toList();
        Map<String, String> names = profiles.displayNames(strongest.stream().map(Connection::memberId).toList());
        return strongest.stream().map(c -> c.named(names.get(c.memberId()))).toList();
    }

    private static Connection connection(Document edge) {
        int meetings = size(edge, MEETINGS);
        int helpGiven = size(edge, HELP_GIVEN);
        int helpReceived = size(edge, HELP_RECEIVED);
        int introductions = size(edge, INTRODUCTIONS);
        int strength = meetings * MEETING_WEIGHT + (helpGiven + helpReceived) * HELP_WEIGHT
                + introductions * INTRODUCTION_WEIGHT;
        return new Connection(edge.getString(OTHER_ID), null, strength, meetings, helpGiven, helpReceived,
                introductions, edge.getDate(SINCE).toInstant());
    }

    private static int size(Document edge, String set) {
        return edge.getList(set, String.class, List.of()).size();
    }

    /**
     * Up to {@code limit} edges from these members, by member then other member: the same path every time among
     * equally short ones; one read of a set of index ranges.
     */
    private List<PathSearch.Edge> edgesFrom(List<String> sortedMembers, long limit) {
        return collections.get(ConnectionsProjection.EDGES).find(Filters.in(MEMBER_ID, sortedMembers))
                .projection(Projections.include(MEMBER_ID, OTHER_ID))
                .sort(Sorts.ascending(MEMBER_ID, OTHER_ID)).limit((int) Math.min(Integer.MAX_VALUE, limit))
                .map(edge -> new PathSearch.Edge(edge.getString(MEMBER_ID), edge.getString(OTHER_ID)))
                .into(new ArrayList<>());
    }

    @Operation(summary = "The shortest chain of confirmed relationships from one member to another (up to 4 hops)")
    @GetMapping("/members/{memberId}/introduction-path/{otherId}")
    IntroductionPath introductionPath(@PathVariable String memberId, @PathVariable String otherId) {
        if (memberId.equals(otherId)) {
            throw new IllegalArgumentException("a path needs two different members");
        }
        return new PathSearch(MAX_HOPS, MAX_VISITED, MAX_EDGES_READ, FRONTIER_READ, this::edgesFrom)
                .find(memberId, otherId).map(this::named).orElse(NOT_FOUND);
    }

    private IntroductionPath named(List<String> ids) {
        Map<String, String> names = profiles.displayNames(ids);
        List<Person> path = ids.stream().map(id -> new Person(id, names.get(id))).toList();
        return new IntroductionPath(true, path.size() - 1, path, path.subList(1, path.size() - 1));
    }
}
