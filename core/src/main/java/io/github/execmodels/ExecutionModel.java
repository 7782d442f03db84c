package io.github.execmodels;

import java.util.List;
import java.util.stream.Stream;

/**
 * A way to run work: sequentially, on a thread pool, on virtual threads, in worker processes or on an event loop,
 * behind one API.
 *
 * <pre>{@code
 * try (ExecutionModel model = Models.threads(4)) {
 *     List<Boolean> primes = model.map(Primes::isPrime, numbers);
 * }
 * }</pre>
 *
 * <p>Every model gives the same answers: {@code map} returns exactly what {@link Models#sequential()} returns
 * for the same function and data, in input order, or throws for the first failing element in input order.
 * Models differ in how they run the work (which threads or processes, how many at once) and in what they cost.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread before it calls {@code submit} or {@code map}
 * happen-before the job or function runs (for the process model: the job sees what was serialized at the call),
 * which in turn happen-before the result is returned by {@code map}, {@link Task#join()} or {@link Task#get()}.
 *
 * <p>Implementations are thread safe: any thread may submit or map at any time, including a task running on the
 * same model (which never deadlocks on models with more than zero threads of their own).
 *
 * @since 0.1
 */
public interface ExecutionModel extends AutoCloseable {

    /**
     * Returns a short name for logs and tables, such as {@code "threads:4"}.
     *
     * @return the name, in the form {@link Models#of(String)} accepts where the model is one of the built-ins
     * @since 0.1
     */
    String name();

    /**
     * Returns how many elements or jobs this model runs at the same time at most.
     *
     * @return the parallelism, at least 1
     * @since 0.1
     */
    int parallelism();

    /**
     * Starts {@code job} and returns its handle.
     *
     * @param job the work
     * @param <R> the result type
     * @return the handle of the work
     * @throws NullPointerException if {@code job} is {@code null}
     * @throws ModelClosedException if this model is closed
     * @since 0.1
     */
    <R> Task<R> submit(Job<R> job);

    /**
     * Applies {@code fn} to every element of {@code data} and returns the results in input order.
     *
     * <p>Blocks until all are done. The first failing element in input order makes it throw; work not started
     * then is cancelled and running work is interrupted where the model can; nothing is left running when it
     * throws.
     *
     * @param fn the function
     * @param data the elements; read once, fully, before work starts
     * @param <T> the element type
     * @param <R> the result type
     * @return the results, one per element, in input order
     * @throws TaskFailedException for the first failing element in input order, with its index and cause
     * @throws NullPointerException if {@code fn} or {@code data} is {@code null}
     * @throws ModelClosedException if this model is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted while waiting (its
     *     interrupt flag is set again)
     * @since 0.1
     */
    default <T, R> List<R> map(Fn<? super T, ? extends R> fn, Iterable<? extends T> data) {
        return map(fn, data, MapOptions.defaults());
    }

    /**
     * Applies {@code fn} to every element of {@code data} as {@link #map(Fn, Iterable)} does, with options.
     *
     * @param fn the function
     * @param data the elements
     * @param options chunk size, timeouts, progress listener
     * @param <T> the element type
     * @param <R> the result type
     * @return the results, one per element, in input order
     * @throws TaskFailedException for the first failing element in input order; a {@link TaskTimeoutException}
     *     when a timeout of {@code options} expired
     * @throws NullPointerException if an argument is {@code null}
     * @throws ModelClosedException if this model is closed
     * @since 0.1
     */
    <T, R> List<R> map(Fn<? super T, ? extends R> fn, Iterable<? extends T> data, MapOptions options);

    /**
     * Applies {@code fn} to every element of {@code data} and returns every element's outcome, successes and
     * failures, in input order. A failure does not stop the others.
     *
     * @param fn the function
     * @param data the elements
     * @param <T> the element type
     * @param <R> the result type
     * @return one outcome per element, in input order
     * @throws NullPointerException if an argument is {@code null}
     * @throws ModelClosedException if this model is closed
     * @since 0.1
     */
    default <T, R> List<Outcome<R>> mapOutcomes(Fn<? super T, ? extends R> fn, Iterable<? extends T> data) {
        return mapOutcomes(fn, data, MapOptions.defaults());
    }

    /**
     * Returns every element's outcome as {@link #mapOutcomes(Fn, Iterable)} does, with options. When the
     * {@linkplain MapOptions#timeout() whole-map timeout} expires, the elements not done fail with
     * {@link TaskTimeoutException}.
     *
     * @param fn the function
     * @param data the elements
     * @param options chunk size, timeouts, progress listener
     * @param <T> the element type
     * @param <R> the result type
     * @return one outcome per element, in input order
     * @throws NullPointerException if an argument is {@code null}
     * @throws ModelClosedException if this model is closed
     * @since 0.1
     */
    <T, R> List<Outcome<R>> mapOutcomes(Fn<? super T, ? extends R> fn, Iterable<? extends T> data,
            MapOptions options);

    /**
     * Applies {@code fn} to the elements of {@code data} lazily, returning results in input order as a stream.
     *
     * <p>It reads {@code data} only as far as its window needs, so {@code data} may be endless. Close the stream
     * (or use it in try-with-resources) when you stop reading early: that cancels the work in flight. A failing
     * element makes the stream throw {@link TaskFailedException} when its turn comes.
     *
     * @param fn the function
     * @param data the elements, possibly endless
     * @param <T> the element type
     * @param <R> the result type
     * @return a sequential stream of results in input order
     * @throws NullPointerException if an argument is {@code null}
     * @throws ModelClosedException if this model is closed
     * @since 0.1
     */
    default <T, R> Stream<R> imap(Fn<? super T, ? extends R> fn, Iterable<? extends T> data) {
        return imap(fn, data, MapOptions.defaults());
    }

    /**
     * Applies {@code fn} lazily as {@link #imap(Fn, Iterable)} does, with options ({@link MapOptions#window()}
     * bounds the read-ahead).
     *
     * @param fn the function
     * @param data the elements, possibly endless
     * @param options window, chunk size, timeouts, progress listener
     * @param <T> the element type
     * @param <R> the result type
     * @return a sequential stream of results in input order
     * @throws NullPointerException if an argument is {@code null}
     * @throws ModelClosedException if this model is closed
     * @since 0.1
     */
    <T, R> Stream<R> imap(Fn<? super T, ? extends R> fn, Iterable<? extends T> data, MapOptions options);

    /**
     * Applies {@code fn} lazily as {@link #imap(Fn, Iterable)} does, but returns results in the order they
     * complete.
     *
     * @param fn the function
     * @param data the elements, possibly endless
     * @param <T> the element type
     * @param <R> the result type
     * @return a sequential stream of results in completion order
     * @throws NullPointerException if an argument is {@code null}
     * @throws ModelClosedException if this model is closed
     * @since 0.1
     */
    default <T, R> Stream<R> imapUnordered(Fn<? super T, ? extends R> fn, Iterable<? extends T> data) {
        return imapUnordered(fn, data, MapOptions.defaults());
    }

    /**
     * Applies {@code fn} lazily in completion order, with options.
     *
     * @param fn the function
     * @param data the elements, possibly endless
     * @param options window, chunk size, timeouts, progress listener
     * @param <T> the element type
     * @param <R> the result type
     * @return a sequential stream of results in completion order
     * @throws NullPointerException if an argument is {@code null}
     * @throws ModelClosedException if this model is closed
     * @since 0.1
     */
    <T, R> Stream<R> imapUnordered(Fn<? super T, ? extends R> fn, Iterable<? extends T> data, MapOptions options);

    /**
     * Tells whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     * @since 0.1
     */
    boolean isClosed();

    /**
     * Stops accepting work, lets running work finish (within a bound each model documents), and releases every
     * thread and process this model started before it returns. Calling it again does nothing.
     *
     * @since 0.1
     */
    @Override
    void close();
}
