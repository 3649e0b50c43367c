package dev.fieldshell.kb.signature;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers a pure function of a function name. Ranking normalizes and classifies the frames of
 * hundreds of candidate documents per query, and the same few thousand names recur in all of them.
 * Bounded: when full it starts over, which costs only recomputation. Thread-safe.
 */
final class NameMemo<V> {
    private static final int MAX = 100_000;

    private final ConcurrentHashMap<String, V> map = new ConcurrentHashMap<>();
    private final Function<String, V> f;

    NameMemo(Function<String, V> f) {
        this.f = f;
    }

    V get(String name) {
        V v = map.get(name);
        if (v == null) {
            v = f.apply(name);
            if (map.size() >= MAX) {
                map.clear();
            }
            map.put(name, v);
        }
        return v;
    }
}
