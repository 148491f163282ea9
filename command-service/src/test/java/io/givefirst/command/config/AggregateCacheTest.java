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
}
