package io.github.execmodels.internal;

/**
 * Chooses how many elements go into the next chunk of a map.
 *
 * <p>Two limits, the smaller wins. Time: a chunk should take about {@code targetNanos}, judged by the measured
 * time per element so far (one element per chunk until the first chunk has been measured, as joblib starts), so
 * expensive or uneven elements travel in small chunks and no worker is left with a straggler. Balance: no chunk
 * takes more than a {@code 1 / (4 x workers)} share of what is left (guided self-scheduling, the bound Python's
 * {@code Pool} applies once to the whole input), so chunks shrink towards the end and the last ones finish
 * together; but never below a tenth of the time target, where hand-over costs outweigh balance. Cheap
 * functions over large inputs therefore get a few large chunks.
 *
 * <p>Not thread safe: one per map, used by the map's own thread.
 */
public final class ChunkSizer {

    private final int fixed;
    private final int workers;
    private final long targetNanos;
    private long measuredElements;
    private long measuredNanos;

    /**
     * @param fixed the chunk size the user asked for, or 0 for automatic
     * @param workers how many workers share the map
     * @param targetNanos how long a chunk should take
     */
    public ChunkSizer(int fixed, int workers, long targetNanos) {
        this.fixed = fixed;
        this.workers = Math.max(1, workers);
        this.targetNanos = targetNanos;
    }

    /**
     * @param remaining how many elements are left to dispatch, or -1 when unknown (a lazy map)
     * @param cap the most elements the chunk may hold
     * @return the next chunk's size, between 1 and {@code cap}
     */
    public int next(long remaining, long cap) {
        long size;
        if (fixed > 0) {
            size = fixed;
        } else {
            size = measuredElements == 0 ? 1 : (long) (targetNanos / Math.max(1.0, (double) measuredNanos / measuredElements));
            if (remaining > 0) {
                // the share shrinks towards one element at the end; below a tenth of the time target a chunk costs
                // more in hand-overs (the map's thread must wake for each) than it can save in balance
                long share = (remaining + 4L * workers - 1) / (4L * workers);
                size = Math.min(size, Math.max(share, size / 10));
            }
        }
        if (remaining > 0) {
            size = Math.min(size, remaining);
        }
        return (int) Math.max(1, Math.min(Math.min(size, cap), Integer.MAX_VALUE));
    }

    /** Records that {@code elements} elements took {@code nanos} to run. */
    public void record(int elements, long nanos) {
        if (nanos > 0 && elements > 0) {
            measuredElements += elements;
            measuredNanos += nanos;
        }
    }
}
