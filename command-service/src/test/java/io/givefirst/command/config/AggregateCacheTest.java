package io.givefirst.command.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class AggregateCacheTest {

    @Test
    void keepsTheMostRecentlyUsedAggregatesUpToItsCapacity() {
        AggregateCache cache = new AggregateCache(2, (id, version) -> false);
        cache.put("a", "member a");
        cache.put("b", "member b");
        assertThat(cache.<String, String>get("a")).isEqualTo("member a"); // a is now the most recently used
        cache.put("c", "member c");

        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("c")).isTrue();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void removesAnEntryAsTheCachingRepositoryDoesOnRollback() {
        AggregateCache cache = new AggregateCache(10, (id, version) -> false);
        cache.put("a", "member a");

        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.<String, String>get("a")).isNull();
        assertThat(cache.remove("a")).isFalse();
    }

    @Test
    void putIfAbsentKeepsWhatIsThere() {
        AggregateCache cache = new AggregateCache(10, (id, version) -> false);
        assertThat(cache.putIfAbsent("a", "first")).isTrue();
        assertThat(cache.putIfAbsent("a", "second")).isFalse();
        assertThat(cache.<String, String>get("a")).isEqualTo("first");
    }

    @Test
    void tellsListenersWhatHappened() {
        AggregateCache cache = new AggregateCache(1, (id, version) -> false);
        List<String> seen = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                seen.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                seen.add("updated " + key);
            }

            @Override
            public void onEntryExpired(Object key) {
                seen.add("expired " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                seen.add("removed " + key);
            }
        });
        cache.put("a", 1);
        cache.put("a", 2);
        cache.put("b", 3);
        cache.remove("b");

        assertThat(seen).containsExactly("created a", "updated a", "expired a", "created b", "removed b");
    }

    @Test
    void refusesANonsensicalCapacity() {
        assertThatThrownBy(() -> new AggregateCache(0, (id, version) -> false)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A cached aggregate at a version, as Axon's caching repository keeps it. */
    static final class Thing {
        @org.axonframework.modelling.command.AggregateIdentifier
        String id = "thing";
    }

    private static org.axonframework.eventsourcing.AggregateCacheEntry<Thing> at(long version) {
        return new org.axonframework.eventsourcing.AggregateCacheEntry<>(
                org.axonframework.eventsourcing.EventSourcedAggregate.reconstruct(new Thing(),
                        org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory
                                .inspectAggregate(Thing.class), version, false,
                        org.axonframework.eventhandling.SimpleEventBus.builder().build(),
                        org.axonframework.eventsourcing.NoSnapshotTriggerDefinition.TRIGGER));
    }

    @Test
    void anEntryTheStoreHasMovedPastIsDropped() {
        AggregateCache cache = new AggregateCache(10, (id, version) -> id.equals("moved") && version == 3);
        cache.put("moved", at(3));
        cache.put("current", at(3));

        assertThat(cache.<String, Object>get("moved")).isNull();
        assertThat(cache.containsKey("moved")).isFalse();
        assertThat(cache.<String, Object>get("current")).isNotNull();
    }

    /** The store check of one aggregate is a round trip; a command on another aggregate must not wait for it. */
    @Test
    void aStoreCheckOfOneAggregateDoesNotHoldUpAnother() throws Exception {
        java.util.concurrent.CountDownLatch checking = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        AggregateCache cache = new AggregateCache(10, (id, version) -> {
            if (id.equals("slow")) {
                checking.countDown();
                try {
                    answer.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return false;
        });
        cache.put("slow", at(1));
        cache.put("other", at(1));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Object> slow = pool.submit(() -> cache.get("slow"));
            checking.await();

            // blocks until the slow check answers if the cache asks the store under its monitor: a deadlock guard
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
                assertThat(cache.<String, Object>get("other")).isNotNull();
                cache.put("third", at(1));
            });
            answer.countDown();
            assertThat(slow.get()).isNotNull();
        } finally {
            answer.countDown();
            pool.shutdownNow();
        }
    }
}
