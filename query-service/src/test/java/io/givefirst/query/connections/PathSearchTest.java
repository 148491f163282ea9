package io.givefirst.query.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PathSearchTest {
    /** A graph in memory that counts what the search reads, as the edges collection would answer. */
    private static final class Graph implements PathSearch.EdgeReader {
        final TreeMap<String, TreeSet<String>> edges = new TreeMap<>();
        long read;
        int reads;

        Graph link(String a, String b) {
            edges.computeIfAbsent(a, k -> new TreeSet<>()).add(b);
            edges.computeIfAbsent(b, k -> new TreeSet<>()).add(a);
            return this;
        }

        @Override
        public List<PathSearch.Edge> from(List<String> sortedMembers, long limit) {
            reads++;
            List<PathSearch.Edge> out = new ArrayList<>();
            for (String member : sortedMembers) {
                for (String other : edges.getOrDefault(member, new TreeSet<>())) {
                    if (out.size() < limit) {
                        out.add(new PathSearch.Edge(member, other));
                    }
                }
            }
            read += out.size();
            return out;
        }
    }

    @Test
    void theShortestChainIsFoundAndTheSameOneAmongEquals() {
        Graph graph = new Graph().link("ann", "bob").link("bob", "cat").link("ann", "dan").link("dan", "cat")
                .link("cat", "eve");
        PathSearch search = new PathSearch(4, 1000, 1000, 500, graph);
        assertThat(search.find("ann", "eve")).contains(List.of("ann", "bob", "cat", "eve"));
        assertThat(search.find("eve", "ann")).contains(List.of("eve", "cat", "bob", "ann"));
        assertThat(search.find("ann", "zed")).isEmpty();
    }

    /** A hub with thousands of links: the budget stops the search inside the hop that reads them, not after it. */
    @Test
    void theBudgetStopsTheSearchInsideAHop() {
        Graph graph = new Graph().link("ann", "hub");
        for (int i = 0; i < 5_000; i++) {
            graph.link("hub", "m%05d".formatted(i));
            graph.link("m%05d".formatted(i), "x%05d".formatted(i)); // every member leads somewhere further
        }
        PathSearch search = new PathSearch(4, 1_000_000, 1_000, 100, graph);

        assertThat(search.find("ann", "nobody")).isEmpty();
        assertThat(graph.read).as("edges read").isLessThanOrEqualTo(1_000);
        assertThat(graph.reads).as("reads: the third hop's frontier of 5 000 is not read a hundred at a time to its end")
                .isLessThan(20);
    }
}
