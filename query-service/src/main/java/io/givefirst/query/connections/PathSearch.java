package io.givefirst.query.connections;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Breadth-first search for the shortest chain of relationships, within a budget checked after every read — inside a
 * hop too: a wide frontier is read {@code frontierRead} members at a time, and no read asks for more edges than the
 * budget has left. Among equally short chains it finds the same one every time (members and edges in id order).
 */
record PathSearch(int maxHops, int maxVisited, long maxEdgesRead, int frontierRead, EdgeReader edges) {

    /** An edge from one member to another. */
    record Edge(String from, String to) {
    }

    /** Up to {@code limit} edges from these members (in id order), by member then other member. */
    interface EdgeReader {
        List<Edge> from(List<String> sortedMembers, long limit);
    }

    /** The chain from one member to the other, both ends included; empty when none within the hops and budget. */
    Optional<List<String>> find(String start, String target) {
        Map<String, String> cameFrom = new HashMap<>();
        cameFrom.put(start, null);
        Set<String> frontier = Set.of(start);
        long edgesRead = 0;
        for (int hop = 1; hop <= maxHops && !frontier.isEmpty(); hop++) {
            Set<String> next = new HashSet<>();
            List<String> sorted = new ArrayList<>(new TreeSet<>(frontier));
            for (int from = 0; from < sorted.size(); from += frontierRead) {
                List<Edge> read = edges.from(sorted.subList(from, Math.min(sorted.size(), from + frontierRead)),
                        maxEdgesRead - edgesRead);
                edgesRead += read.size();
                for (Edge edge : read) {
                    if (!cameFrom.containsKey(edge.to())) {
                        cameFrom.put(edge.to(), edge.from());
                        next.add(edge.to());
                    }
                }
                if (cameFrom.containsKey(target)) {
                    return Optional.of(chainTo(target, cameFrom));
                }
                if (cameFrom.size() >= maxVisited || edgesRead >= maxEdgesRead) {
                    return Optional.empty();
                }
            }
            frontier = next;
        }
        return Optional.empty();
    }

    private static List<String> chainTo(String target, Map<String, String> cameFrom) {
        LinkedList<String> ids = new LinkedList<>();
        for (String at = target; at != null; at = cameFrom.get(at)) {
            ids.addFirst(at);
        }
        return ids;
    }
}
