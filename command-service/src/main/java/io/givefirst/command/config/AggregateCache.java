package io.givefirst.command.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * The aggregates last used, at most {@code capacity} of them, least recently used first out. A command on a cached
 * aggregate does not read its events back from the store. Axon's caching repository drops an entry when a unit of
 * work rolls back, so a stale entry (another instance appended meanwhile) costs one conflict on the store's unique
 * (aggregate, sequence) index and a retry, never a wrong decision. See ADR 10.
 */
public final class AggregateCache implements Cache {
    private final Map<Object, Object> entries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();

    public AggregateCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the aggregate cache needs a capacity of at least 1");
        }
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                if (size() > capacity) {
                    tell(l -> l.onEntryExpired(eldest.getKey()));
                    return true;
                }
                return false;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        Object value = entries.get(key);
        if (value != null) {
            tell(l -> l.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public synchronized void put(Object key, Object value) {
        if (value == null) {
            remove(key);
            return;
        }
        Object previous = entries.put(key, value);
        tell(previous == null ? l -> l.onEntryCreated(key, value) : l -> l.onEntryUpdated(key, value));
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        if (entries.containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public synchronized boolean remove(Object key) {
        if (entries.remove(key) == null) {
            return false;
        }
        tell(l -> l.onEntryRemoved(key));
        return true;
    }

    @Override
    public synchronized void removeAll() {
        List.copyOf(entries.keySet()).forEach(this::remove);
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    public synchronized int size() {
        return entries.size();
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void tell(Consumer<EntryListener> event) {
        listeners.forEach(event);
    }
}
