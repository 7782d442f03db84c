package io.github.execmodels.spi;

import static io.github.execmodels.internal.Checks.requirePositive;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Fn;
import io.github.execmodels.Job;
import io.github.execmodels.MapOptions;
import io.github.execmodels.ModelClosedException;
import io.github.execmodels.Outcome;
import io.github.execmodels.Task;
import io.github.execmodels.internal.LazyMap;
import io.github.execmodels.internal.MapSettings;
import io.github.execmodels.internal.OrderedMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The base of a model: a model author implements {@link #start(Job)} (run one job, return its task) and
 * {@link #shutdown()}, and inherits argument checks, the closed state and every form of {@code map}, which run
 * the input as {@link Chunk}s sized by measured time, fail fast in input order, and cancel what is left.
 *
 * <p>Subclasses tune the maps through {@link #maxChunksInFlight()}, {@link #targetChunkNanos()},
 * {@link #defaultWindow()} and {@link #mayRunChunksOnCaller()}.
 *
 * <p>Thread safe, as long as {@link #start(Job)} is.
 *
 * @since 0.1
 */
public abstract class AbstractExecutionModel implements ExecutionModel {

    private final String name;
    private final int parallelism;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    /**
     * Creates the model.
     *
     * @param name what {@link #name()} returns
     * @param parallelism what {@link #parallelism()} returns
     * @throws IllegalArgumentException if {@code parallelism < 1}
     * @since 0.1
     */
    protected AbstractExecutionModel(String name, int parallelism) {
        this.name = Objects.requireNonNull(name, "name");
        this.parallelism = requirePositive(parallelism, "parallelism");
    }

    /**
     * Starts {@code job} on this model. Called by {@link #submit(Job)} after the checks, and for every chunk of a
     * map.
     *
     * @param job the work, not {@code null}
     * @param <R> the result type
     * @return its task
     * @throws java.util.concurrent.RejectedExecutionException if the model can take no more work
     * @since 0.1
     */
    protected abstract <R> BasicTask<R> start(Job<R> job);

    /**
     * Releases every thread and process of this model, after letting running work finish within the bound the
     * model documents. Called once, by the first {@link #close()}.
     *
     * @since 0.1
     */
    protected abstract void shutdown();

    /**
     * Returns the most chunks of one map started and not yet completed.
     *
     * @return {@code 2 x parallelism} by default, so that no worker waits for the map's thread to hand it work
     * @since 0.1
     */
    protected int maxChunksInFlight() {
        return 2 * parallelism;
    }

    /**
     * Returns how long an automatic chunk should take: long enough to make the cost of handing it over small, short
     * enough that the workers finish together.
     *
     * @return nanoseconds; 1 ms by default
     * @since 0.1
     */
    protected long targetChunkNanos() {
        return TimeUnit.MILLISECONDS.toNanos(1);
    }

    /**
     * Returns how many elements {@code imap} reads ahead of its consumer when the options name no window.
     *
     * @return {@code max(1024, 256 x parallelism)} by default
     * @since 0.1
     */
    protected int defaultWindow() {
        return Math.max(1024, 256 * parallelism);
    }

    /**
     * Tells whether the thread calling {@code map} may run, while it waits, chunks that no worker has started.
     * A thread pool answers {@code true} for its own threads, so a task that maps on its own pool cannot
     * deadlock. Called once per map, on the calling thread.
     *
     * @return {@code false} by default
     * @since 0.1
     */
    protected boolean mayRunChunksOnCaller() {
        return false;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int parallelism() {
        return parallelism;
    }

    @Override
    public final boolean isClosed() {
        return closed.get();
    }

    /**
     * Throws if this model is closed.
     *
     * @throws ModelClosedException if {@link #close()} was called
     * @since 0.1
     */
    protected final void ensureOpen() {
        if (closed.get()) {
            throw new ModelClosedException(name);
        }
    }

    @Override
    public <R> Task<R> submit(Job<R> job) {
        Objects.requireNonNull(job, "job");
        ensureOpen();
        return start(job);
    }

    @Override
    public <T, R> List<R> map(Fn<? super T, ? extends R> fn, Iterable<? extends T> data, MapOptions options) {
        List<?> elements = checkedSnapshot(fn, data, options);
        return elements.isEmpty() ? List.of() : new OrderedMap(settings(), fn, elements, options).results();
    }

    @Override
    public <T, R> List<Outcome<R>> mapOutcomes(Fn<? super T, ? extends R> fn, Iterable<? extends T> data,
            MapOptions options) {
        List<?> elements = checkedSnapshot(fn, data, options);
        return elements.isEmpty() ? List.of() : new OrderedMap(settings(), fn, elements, options).outcomes();
    }

    @Override
    public <T, R> Stream<R> imap(Fn<? super T, ? extends R> fn, Iterable<? extends T> data, MapOptions options) {
        checkLazy(fn, data, options);
        return LazyMap.stream(settings(), fn, data, options, true);
    }

    @Override
    public <T, R> Stream<R> imapUnordered(Fn<? super T, ? extends R> fn, Iterable<? extends T> data,
            MapOptions options) {
        checkLazy(fn, data, options);
        return LazyMap.stream(settings(), fn, data, options, false);
    }

    private void checkLazy(Fn<?, ?> fn, Iterable<?> data, MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        ensureOpen();
    }

    private List<?> checkedSnapshot(Fn<?, ?> fn, Iterable<?> data, MapOptions options) {
        checkLazy(fn, data, options);
        if (data instanceof Collection) {
            return new ArrayList<>((Collection<?>) data);
        }
        List<Object> elements = new ArrayList<>();
        data.forEach(elements::add);
        return elements;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private MapSettings settings() {
        return new MapSettings(chunk -> (BasicTask) start(chunk), parallelism, maxChunksInFlight(),
                targetChunkNanos(), mayRunChunksOnCaller(), defaultWindow());
    }

    /**
     * Closes the model: the first call stops new work and calls {@link #shutdown()}; later calls wait until that
     * has finished, then return.
     *
     * @since 0.1
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            terminated.join();
            return;
        }
        try {
            shutdown();
        } finally {
            terminated.complete(null);
        }
    }

    @Override
    public String toString() {
        return name + (isClosed() ? " (closed)" : "");
    }
}
