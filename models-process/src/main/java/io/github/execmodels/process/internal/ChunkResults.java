package io.github.execmodels.process.internal;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The results of a chunk as they arrive, slice after slice, in one array: the reader thread that decodes a slice
 * copies (and boxes) its values here, so that the map's own thread, which copies the results out once, reads one
 * array through one class of list.
 *
 * <p>Not thread safe: filled under the pool's lock, read after the task completed.
 */
final class ChunkResults extends AbstractList<Object> implements RandomAccess {

    private Object[] values;
    private int size;

    ChunkResults(int expected) {
        values = new Object[Math.max(1, expected)];
    }

    void addAll(List<?> slice) {
        int n = slice.size();
        if (size + n > values.length) {
            values = Arrays.copyOf(values, Math.max(size + n, 2 * values.length));
        }
        FastValues.copyInto(slice, values, size);
        size += n;
    }

    @Override
    public Object get(int index) {
        Objects.checkIndex(index, size);
        return values[index];
    }

    @Override
    public int size() {
        return size;
    }
}
