package io.github.execmodels.spi;

import io.github.execmodels.Fn;
import io.github.execmodels.Job;
import io.github.execmodels.Outcome;
import io.github.execmodels.TaskFailedException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
 * <p>Immutable as long as its list of elements does not change; thread safe when its function is.
 *
 * @since 0.1
 */
public final class Chunk implements Job<List<Object>> {

    private static final long serialVersionUID = 1L;

    /** The function. */
    private final Fn<Object, Object> fn;
    /**
     * The elements, in input order: in this JVM the caller's list itself (a map's private snapshot, or a part of
     * it), so that handing a chunk to a thread copies nothing; serialized, a fixed-size copy ({@link #writeReplace}).
     */
    private final List<Object> elements;
    /** The index of the first element in the whole input. */
    private final long firstIndex;
    /** Whether to return outcomes rather than fail fast. */
    private final boolean outcomes;
    /** Where a chunk run in this JVM stores its results, at their index in the whole input; never serialized. */
    private final transient Object[] store;

    /** What {@link #call()} returns when it stored its results into the array given to {@link #failFastInto}. */
    public static final List<Object> STORED = List.of();

    @SuppressWarnings("unchecked")
    private Chunk(Fn<?, ?> fn, List<?> elements, long firstIndex, boolean outcomes, Object[] store) {
        this.fn = (Fn<Object, Object>) Objects.requireNonNull(fn, "fn");
        this.elements = (List<Object>) Objects.requireNonNull(elements, "elements");
        this.firstIndex = firstIndex;
        this.outcomes = outcomes;
        this.store = store;
    }

    /**
     * Creates a chunk that returns results and stops at the first failure.
     *
     * @param fn the function
     * @param elements the elements, not copied: the list must not change while the chunk exists (serializing
     *     the chunk copies them)
     * @param firstIndex the index of the first element in the whole input
     * @return the chunk
     * @since 0.1
     */
    public static Chunk failFast(Fn<?, ?> fn, List<?> elements, long firstIndex) {
        return new Chunk(fn, elements, firstIndex, false, null);
    }

    /**
     * Creates a chunk that fails fast as {@link #failFast} does and, when this very object runs in this JVM, stores
     * each result into {@code results} at its index in the whole input and returns {@link #STORED}, so that a map
     * of cheap functions copies no result. A copy made by serialization, or a {@link #slice}, returns its results
     * as a list instead.
     *
     * @param fn the function
     * @param elements the elements, not copied: the list must not change while the chunk exists (serializing
     *     the chunk copies them)
     * @param firstIndex the index of the first element in the whole input
     * @param results the whole map's results, indexed as the input
     * @return the chunk
     * @since 0.1
     */
    public static Chunk failFastInto(Fn<?, ?> fn, List<?> elements, long firstIndex, Object[] results) {
        return new Chunk(fn, elements, firstIndex, false, Objects.requireNonNull(results, "results"));
    }

    /**
     * Creates a chunk that runs every element and returns one {@link Outcome} per element.
     *
     * @param fn the function
     * @param elements the elements, not copied: the list must not change while the chunk exists (serializing
     *     the chunk copies them)
     * @param firstIndex the index of the first element in the whole input
     * @return the chunk
     * @since 0.1
     */
    public static Chunk outcomes(Fn<?, ?> fn, List<?> elements, long firstIndex) {
        return new Chunk(fn, elements, firstIndex, true, null);
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
     * Returns the function applied to each element: a process model uses it, with {@link #elements()}, to send a
     * chunk in a form of its own rather than with Java serialization.
     *
     * @return the function
     * @since 0.1
     */
    public Fn<Object, Object> function() {
        return fn;
    }

    /**
     * Returns the elements, in input order, as an unmodifiable view (random access when the chunk's list is).
     *
     * @return the elements
     * @since 0.1
     */
    public List<Object> elements() {
        return Collections.unmodifiableList(elements);
    }

    /**
     * Returns the array this very chunk stores its results into when it runs in this JVM (what
     * {@link #failFastInto} was given, not a copy), or {@code null} for a chunk that returns its results: a process
     * model stores the results a worker sent back there, at their index in the whole input, and completes the task
     * with {@link #STORED}, as a chunk run by a thread does.
     *
     * @return the map's results array, or {@code null}
     * @since 0.1
     */
    public Object[] resultStore() {
        return store;
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
        return new Chunk(fn, elements.subList(from, to), firstIndex + from, outcomes, null);
    }

    /**
     * Serializes a copy whose elements are a serializable fixed-size list, whatever list this chunk reads in memory.
     *
     * @return the chunk to serialize
     */
    private Object writeReplace() {
        return elements instanceof Serializable ? this
                : new Chunk(fn, Arrays.asList(elements.toArray()), firstIndex, outcomes, null);
    }

    @Override
    public List<Object> call() throws Exception {
        if (store != null) {
            return callInto(store);
        }
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

    private List<Object> callInto(Object[] results) throws Exception {
        int offset = (int) firstIndex;
        for (int i = 0; i < elements.size(); i++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("chunk cancelled before element " + (firstIndex + i));
            }
            try {
                results[offset + i] = fn.apply(elements.get(i));
            } catch (Exception | LinkageError | StackOverflowError | AssertionError e) {
                throw TaskFailedException.atIndex(firstIndex + i, e);
            }
        }
        return STORED;
    }

    @Override
    public String toString() {
        return "Chunk[" + firstIndex + ".." + (firstIndex + elements.size()) + ")";
    }
}
