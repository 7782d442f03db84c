package io.github.execmodels.internal;

/**
 * Chooses how many elements go into the next chunk of a map.
 *
 * <p>Two limits, the smaller wins. Time: a chunk should take about {@code targetNanos}, judged by the measured
 * time per element so far, or before any measurement by what an earlier map of the same function measured (see
 * {@link ChunkCosts}); with neither, one element per chunk until the first chunk has been measured, as joblib
 * starts. So expensive or uneven elements travel in small chunks and no worker is left with a straggler. Balance:
 * no chunk takes more than a {@code 1 / (4 x workers)} share of what is left (guided self-scheduling, the bound
 * Python's {@code Pool} applies once to the whole input), so chunks shrink towards the end and the last ones finish
 * together; but never below {@code minNanos} of work, where hand-over costs outweigh balance. Cheap functions over
 * large inputs therefore get a few large chunks.
 *
 * <p>Not thread safe: one per map, used by the map's own thread.
 */
public final class ChunkSizer {

    private final int fixed;
    private final int workers;
    private final long targetNanos;
    private final long minNanos;
    private final double priorNanosPerElement;
    private long measuredElements;
    private long measuredNanos;
    private double lastNanosPerElement;

    /**
     * A sizer with no earlier measurement, whose smallest chunk is a tenth of the time target.
     *
     * @param fixed the chunk size the user asked for, or 0 for automatic
     * @param workers how many workers share the map
     * @param targetNanos how long a chunk should take
     */
    public ChunkSizer(int fixed, int workers, long targetNanos) {
        this(fixed, workers, targetNanos, targetNanos / 10, 0);
    }

    /**
     * @param fixed the chunk size the user asked for, or 0 for automatic
     * @param workers how many workers share the map
     * @param targetNanos how long a chunk should take
     * @param minNanos the least work a chunk should hold when balance would cut it smaller
     * @param priorNanosPerElement the time per element an earlier map of the same function measured, or 0
     */
    public ChunkSizer(int fixed, int workers, long targetNanos, long minNanos, double priorNanosPerElement) {
        this.fixed = fixed;
        this.workers = Math.max(1, workers);
        this.targetNanos = targetNanos;
        this.minNanos = Math.max(0, Math.min(minNanos, targetNanos));
        this.priorNanosPerElement = priorNanosPerElement > 0 ? priorNanosPerElement : 0;
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
            double each = estimate();
            if (each == 0) {
                size = 1;
            } else {
                each = Math.max(1.0, each);
                size = (long) (targetNanos / each);
                if (remaining > 0) {
                    // the share shrinks towards one element at the end; below minNanos a chunk costs more in
                    // hand-overs (the map's thread must wake for each) than it can save in balance
                    // (judged by the latest chunk when it cost more per element than the average: elements that grow
                    // dearer along the input, as the lecture's primes do, would otherwise end in one long chunk)
                    long share = (remaining + 4L * workers - 1) / (4L * workers);
                    // (and never more than an equal split among the workers of what is left: a probe of cheap first
                    // elements must not send the rest to one worker)
                    long least = (long) (minNanos / Math.max(each, lastNanosPerElement));
                    long split = (remaining + workers - 1) / workers;
                    size = Math.min(size, Math.max(share, Math.min(least, split)));
                }
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
            lastNanosPerElement = (double) nanos / elements;
        }
    }

    /** Returns the time per element this map measured, or 0 if it measured nothing. */
    public double measuredNanosPerElement() {
        return measuredElements == 0 ? 0 : (double) measuredNanos / measuredElements;
    }

    private double estimate() {
        return measuredElements == 0 ? priorNanosPerElement : (double) measuredNanos / measuredElements;
    }
}
