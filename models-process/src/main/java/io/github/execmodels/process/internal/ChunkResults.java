package io.github.execmodels.process.internal;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The results of a chunk as they arrive, slice after slice, in one array: the reader thread that decodes a slice
 * copies (and boxes) its values here. For a chunk of a fail-fast map that array is the map's own results array
 * (see {@link FastValues#resultStore}), so the map's thread copies nothing; otherwise it is this list's own, read by
 * the map through one class of list.
 *
 * <p>Not thread safe: see {@link ProcessTask#partial}.
 */
final class ChunkResults extends AbstractList<Object> implements RandomAccess {

    private Object[] values;
    private int base;
    private int capacity;
    private boolean stored;
    private int size;

    /**
     * @param expected how many results the chunk has
     * @param store the map's results array, or {@code null}
     * @param base where the chunk's first result goes in {@code store}
     */
    ChunkResults(int expected, Object[] store, long base) {
        if (store != null && base >= 0 && base + expected <= store.length) {
            values = store;
            this.base = (int) base;
            capacity = expected;
            stored = true;
        } else {
            values = new Object[Math.max(1, expected)];
            capacity = values.length;
        }
    }

    /** Whether every result is in the map's results array. */
    boolean stored() {
        return stored;
    }

    void addAll(List<?> slice) {
        int n = slice.size();
        if (size + n > capacity) {
            // more results than elements (never from a sound worker): keep them all here, as a list would
            Object[] own = Arrays.copyOfRange(values, base, base + Math.max(size + n, 2 * capacity));
            values = own;
            base = 0;
            capacity = own.length;
            stored = false;
        }
        if (stored) {
            // decode into a new (young) array, then copy it in one go: a reference stored one by one into the map's
            // large, old results array takes the collector's slow write barrier every time (G1: measured at about 5 ns
            // an element on the reader threads), while a bulk copy marks each card once
            // (through a small array, so as not to add a large one to the garbage of every slice)
            Object[] young = new Object[Math.min(n, 4096)];
            for (int done = 0; done < n; done += young.length) {
                int k = Math.min(young.length, n - done);
                FastValues.copyInto(slice, done, k, young, 0);
                System.arraycopy(young, 0, values, base + size + done, k);
            }
        } else {
            FastValues.copyInto(slice, 0, n, values, base + size);
        }
        size += n;
    }

    @Override
    public Object get(int index) {
        Objects.checkIndex(index, size);
        return values[base + index];
    }

    @Override
    public int size() {
        return size;
    }
}
