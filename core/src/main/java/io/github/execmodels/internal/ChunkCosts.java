package io.github.execmodels.internal;

import io.github.execmodels.Fn;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What a model remembers of the functions it mapped: the time per element each took in its last map, so that the
 * next map of the same function sizes its first chunks at once instead of probing with single elements (a probe
 * costs a full round trip before the workers get real work, which a worker process pays on every map).
 *
 * <p>Keyed by the function's class: a lambda's or method reference's class stands for its place in the code, so
 * two maps from the same line share an entry. Held weakly, so that a model never keeps a class loader alive, and
 * bounded. A stale entry costs only chunk sizes, never results: the first measurement of a map replaces it.
 *
 * <p>Thread safe.
 */
public final class ChunkCosts {

    private static final int MAX_ENTRIES = 1024;

    private final Map<Class<?>, Double> nanosPerElement = new WeakHashMap<>();

    /** Returns the time per element the last map of {@code fn}'s class measured, or 0 if none did. */
    public synchronized double nanosPerElement(Fn<?, ?> fn) {
        Double nanos = nanosPerElement.get(fn.getClass());
        return nanos == null ? 0 : nanos;
    }

    /** Remembers what a map of {@code fn} measured; ignores a map that measured nothing. */
    public synchronized void remember(Fn<?, ?> fn, double nanos) {
        if (!(nanos > 0)) {
            return;
        }
        if (nanosPerElement.size() >= MAX_ENTRIES && !nanosPerElement.containsKey(fn.getClass())) {
            nanosPerElement.clear();
        }
        nanosPerElement.put(fn.getClass(), nanos);
    }
}
