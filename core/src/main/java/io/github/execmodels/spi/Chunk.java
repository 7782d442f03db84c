package io.github.execmodels.spi;

import io.github.execmodels.Fn;
import io.github.execmodels.Job;
import io.github.execmodels.Outcome;
import io.github.execmodels.TaskFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A run of consecutive elements of a {@code map}, sent to a worker as one unit of work. It is what
 * {@link AbstractExecutionModel} submits; it is {@link java.io.Serializable} (when the function and elements are)
 * so that a process model can send it whole.
 *
 * <p>In fail-fast mode {@link #call()} returns the results and stops at the first failing element, throwing a
 * {@link TaskFailedException} that names the element's index in the whole input. In outcome mode it runs every
 * element and returns one {@link Outcome} per element. Either way it stops early, throwing
 * {@link InterruptedException}, once its thread is interrupted.
 *
 * <p>Immutable; thread safe when its function is.
 *
 * @since 0.1
 */
public final class Chunk implements Job<List<Object>> {

    private static final long serialVersionUID = 1L;

    /** The function. */
    private final Fn<Object, Object> fn;
    /** The elements, in input order. */
    private final ArrayList<Object> elements;
    /** The index of the first element in the whole input. */
    private final long firstIndex;
    /** Whether to return outcomes rather than fail fast. */
    private final boolean outcomes;

    @SuppressWarnings("unchecked")
    private Chunk(Fn<?, ?> fn, List<?> elements, long firstIndex, boolean outcomes) {
        this.fn = (Fn<Object, Object>) Objects.requireNonNull(fn, "fn");
        this.elements = new ArrayList<>(elements);
        this.firstIndex = firstIndex;
        this.outcomes = outcomes;
    }

    /**
     * Creates a chunk that returns results and stops at the first failure.
     *
     * @param fn the function
     * @param elements the elements, copied
     * @param firstIndex the index of the first element in the whole input
     * @return the chunk
     * @since 0.1
     */
    public static Chunk failFast(Fn<?, ?> fn, List<?> elements, long firstIndex) {
        return new Chunk(fn, elements, firstIndex, false);
    }

    /**
     * Creates a chunk that runs every element and returns one {@link Outcome} per element.
     *
     * @param fn the function
     * @param elements the elements, copied
     * @param firstIndex the index of the first element in the whole input
     * @return the chunk
     * @since 0.1
     */
    public static Chunk outcomes(Fn<?, ?> fn, List<?> elements, long firstIndex) {
        return new Chunk(fn, elements, firstIndex, true);
    }

    /**
     * Returns the index of the first element in the whole input.
     *
     * @return the index
     * @since 0.1
     */
    public long firstIndex() {
        return firstIndex;
    }

    /**
     * Returns how many elements the chunk holds.
     *
     * @return the size
     * @since 0.1
     */
    public int size() {
        return elements.size();
    }

    /**
     * Tells whether this chunk returns outcomes rather than failing fast.
     *
     * @return {@code true} in outcome mode
     * @since 0.1
     */
    public boolean isOutcomes() {
        return outcomes;
    }

    /**
     * Returns the same function over a part of this chunk's elements, with the right first index: a process
     * model uses it to run again, one by one, the elements of a chunk whose worker died.
     *
     * @param from the first element, relative to this chunk
     * @param to one past the last element, relative to this chunk
     * @return the smaller chunk
     * @since 0.1
     */
    public Chunk slice(int from, int to) {
        return new Chunk(fn, elements.subList(from, to), firstIndex + from, outcomes);
    }

    @Override
    public List<Object> call() throws Exception {
        List<Object> results = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("chunk cancelled before element " + (firstIndex + i));
            }
            long index = firstIndex + i;
            try {
                Object value = fn.apply(elements.get(i));
                results.add(outcomes ? Outcome.success(index, value) : value);
            } catch (Exception | LinkageError | StackOverflowError | AssertionError e) {
                TaskFailedException failure = TaskFailedException.atIndex(index, e);
                if (!outcomes) {
                    throw failure;
                }
                results.add(Outcome.failure(index, failure));
            }
        }
        return results;
    }

    @Override
    public String toString() {
        return "Chunk[" + firstIndex + ".." + (firstIndex + elements.size()) + ")";
    }
}
