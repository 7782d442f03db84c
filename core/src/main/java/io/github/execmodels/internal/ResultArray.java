package io.github.execmodels.internal;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The results of a map, in input order, kept in arrays of at most {@value #SEGMENT} elements rather than in one:
 * a collector such as G1 treats an array of a million references as a "humongous" object, which it frees only after
 * a full marking cycle; until then every young collection keeps alive (and copies) whatever the dead array still
 * points to, so maps of large inputs made each other's collections slow. Each chunk of a map stays within one
 * segment, which it fills in place.
 *
 * <p>Seen by the caller as an unmodifiable random-access list. Not thread safe while it is filled: each segment's
 * elements are written by the thread that runs their chunk, and read by the map's thread after the chunk's
 * completion (which happens-before).
 */
public final class ResultArray extends AbstractList<Object> implements RandomAccess {

    /** Elements per segment: 256 KiB of compressed references, under G1's smallest humongous size (512 KiB). */
    public static final int SEGMENT = 1 << 16;

    private final Object[][] segments;
    private final int size;

    /** @param size how many results */
    public ResultArray(int size) {
        this.size = size;
        int count = (int) (((long) size + SEGMENT - 1) / SEGMENT);
        segments = new Object[count][];
        for (int i = 0; i < count; i++) {
            segments[i] = new Object[Math.min(SEGMENT, size - i * SEGMENT)];
        }
    }

    /** Returns how many elements from {@code index} on share its segment (at most {@code wanted}). */
    public int fitting(int index, int wanted) {
        return Math.min(wanted, SEGMENT - (index & (SEGMENT - 1)));
    }

    /** Returns the array that holds the result of element {@code index}. */
    public Object[] segmentOf(int index) {
        return segments[index / SEGMENT];
    }

    /** Returns where in {@link #segmentOf} the result of element {@code index} goes. */
    public static int indexInSegment(int index) {
        return index & (SEGMENT - 1);
    }

    /** Stores the result of element {@code index}. */
    public void put(int index, Object value) {
        segments[index / SEGMENT][index & (SEGMENT - 1)] = value;
    }

    @Override
    public Object get(int index) {
        Objects.checkIndex(index, size);
        return segments[index / SEGMENT][index & (SEGMENT - 1)];
    }

    @Override
    public int size() {
        return size;
    }
}
