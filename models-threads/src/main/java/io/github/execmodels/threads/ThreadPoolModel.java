package io.github.execmodels.threads;

import static io.github.execmodels.internal.Checks.requireNonNegative;
import static io.github.execmodels.internal.Checks.requirePositive;
import static io.github.execmodels.internal.Checks.requireUnset;

import io.github.execmodels.Job;
import io.github.execmodels.MapOptions;
import io.github.execmodels.Models;
import io.github.execmodels.Task;
import io.github.execmodels.spi.AbstractExecutionModel;
import io.github.execmodels.spi.BasicTask;
import io.github.execmodels.threads.internal.ExecutorView;
import io.github.execmodels.threads.internal.VirtualThreads;
import io.github.execmodels.threads.internal.WorkerPool;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread model: work runs on threads of this JVM, in one of three flavours.
 *
 * <ul>
 *   <li>A fixed pool of {@code n} named daemon platform threads: {@code ThreadPoolModel.builder().threads(n)},
 *       or {@link Models#threads(int) Models.threads(n)}. The choice for CPU-bound work; Java threads run it in
 *       parallel.</li>
 *   <li>One new virtual thread per task, on Java 21 or newer: {@code ThreadPoolModel.builder().virtualThreads()},
 *       or {@link Models#virtualThreads()}. The choice for work that mostly waits (sleeps, network, files):
 *       thousands of tasks wait at once at the cost of a few kilobytes each. On Java 17 asking for it throws
 *       {@link UnsupportedOperationException}.</li>
 *   <li>An {@link ExecutorService} the caller owns: {@code ThreadPoolModel.builder().executor(service)}.
 *       {@link #close()} waits for the work this model gave it and never shuts it down.</li>
 * </ul>
 *
 * <pre>{@code
 * try (ThreadPoolModel model = ThreadPoolModel.builder().threads(4).build()) {
 *     List<Boolean> primes = model.map(Primes::isPrime, numbers);
 * }
 * }</pre>
 *
 * <p>{@code map} sends chunks of consecutive elements, not one task per element, sized by the measured time per
 * element (about a millisecond of work each, and never more than a {@code 1 / (4 x parallelism)} share of what is
 * left), so tiny functions are not drowned in overhead and expensive, uneven elements do not leave one thread
 * working while the others idle; {@link MapOptions#chunkSize()} overrides the choice. The first failing element
 * in input order makes it cancel the chunks not started, interrupt those running, wait until they have stopped,
 * and throw.
 *
 * <p>No deadlock on nested use: a task of this model that calls {@code map} on the same model runs, while it
 * waits, the chunks no thread has started; one that calls {@code submit(job).join()} (or {@code get()}) on a
 * task not yet started runs it right there. So even a pool of one thread completes nested work. (Waiting through
 * {@link Task#toCompletableFuture()} from inside the pool does not help this way.)
 *
 * <p>{@link #close()} stops taking work, lets the work already given finish (queued tasks too) for at most the
 * {@linkplain Builder#closeTimeout(Duration) close timeout}, then interrupts what still runs and cancels what never
 * started, and returns once the threads it started have ended (waiting at most a few more seconds for work that
 * ignores interrupts). Called from one of its own threads it does not wait. A model that is never closed does not
 * keep the JVM from exiting (its threads are daemon threads), and its idle platform threads end after a minute.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread before it calls {@code submit}, {@code map} or
 * {@code imap} happen-before the job or the function runs on the model's thread, whose actions in turn
 * happen-before the result is returned by {@code map}, the stream, {@link Task#join()} or {@link Task#get()}.
 *
 * <p>Thread safe: any thread may submit or map at any time, including a thread of this model.
 *
 * @since 0.1
 */
public final class ThreadPoolModel extends AbstractExecutionModel {

    private static final AtomicInteger POOLS = new AtomicInteger();

    /** Default {@link Builder#parallelism(int)} of the virtual-thread flavour. */
    static final int DEFAULT_VIRTUAL_PARALLELISM = 128;

    /** Default {@link Builder#closeTimeout(Duration)}. */
    static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final WorkerPool pool;
    private final boolean virtual;

    private ThreadPoolModel(String name, int parallelism, WorkerPool pool, boolean virtual) {
        super(name, parallelism);
        this.pool = pool;
        this.virtual = virtual;
    }

    /**
     * Returns a new builder, every property unset.
     *
     * @return a builder
     * @since 0.1
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a view of this model as an {@link ExecutorService}, for code that wants one.
     *
     * <p>The view follows the {@code ExecutorService} contract ({@code submit}, {@code invokeAll},
     * {@code invokeAny}, {@code shutdown}, {@code shutdownNow}, {@code awaitTermination}) for the work given through
     * it. Departures and details:
     * <ul>
     *   <li>Each call returns a new view with a life of its own: shutting a view down stops it from taking work and
     *       {@code awaitTermination} waits for the work given through it; the model stays open, and other views and
     *       callers keep using it. Close the model to release its threads. Closing the model shuts every view
     *       down.</li>
     *   <li>{@code shutdownNow} returns the commands that never started (they will not run) and interrupts those
     *       running, as {@link java.util.concurrent.ThreadPoolExecutor} does.</li>
     *   <li>A {@code Runnable} given to {@code execute} that throws does not end a thread: the exception is logged
     *       at warn level.</li>
     *   <li>The futures of {@code submit} are this model's tasks: {@code get()} from one of the model's threads runs
     *       a task not yet started on the spot.</li>
     * </ul>
     *
     * @return a new view of this model
     * @since 0.1
     */
    public ExecutorService asExecutorService() {
        return new ExecutorView(pool);
    }

    @Override
    protected <R> BasicTask<R> start(Job<R> job) {
        return pool.start(job);
    }

    @Override
    protected boolean mayRunChunksOnCaller() {
        return pool.isCurrentThreadOurs();
    }

    @Override
    protected int maxChunksInFlight() {
        // a virtual thread per chunk: parallelism already is the concurrency asked for
        return virtual ? parallelism() : super.maxChunksInFlight();
    }

    @Override
    protected void shutdown() {
        pool.close();
    }

    /**
     * Builds a {@link ThreadPoolModel}. Choose at most one flavour: {@link #threads(int)} (the default, with one
     * thread per available processor), {@link #virtualThreads()} or {@link #executor(ExecutorService)}. Each
     * property may be set once; {@link #build()} copies them, so one builder can build many models.
     *
     * <p>Not thread safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        private int threads;
        private boolean virtualThreads;
        private ExecutorService executor;
        private int parallelism;
        private String threadNamePrefix;
        private Duration closeTimeout;

        private Builder() {
        }

        /**
         * Chooses a fixed pool of {@code threads} named daemon platform threads.
         *
         * @param threads how many threads
         * @return this builder
         * @throws IllegalArgumentException if {@code threads < 1}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder threads(int threads) {
            requireUnset(this.threads == 0, "threads");
            this.threads = requirePositive(threads, "threads");
            return this;
        }

        /**
         * Chooses one new virtual thread per task; needs a Java 21 or newer runtime ({@link #build()} throws
         * {@link UnsupportedOperationException} on an older one).
         *
         * @return this builder
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder virtualThreads() {
            requireUnset(!this.virtualThreads, "virtualThreads");
            this.virtualThreads = true;
            return this;
        }

        /**
         * Chooses an executor the caller owns: the model runs its work there and never shuts it down.
         *
         * @param executor the executor
         * @return this builder
         * @throws NullPointerException if {@code executor} is {@code null}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder executor(ExecutorService executor) {
            requireUnset(this.executor == null, "executor");
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Sets how many chunks of one {@code map} run at the same time, for the virtual-thread flavour (default
         * 128: a fail-fast map stops after at most that many elements have started, and servers on the other end
         * are not flooded; raise it for more waits at once) and the executor flavour (default: the executor's size when it is a {@link ThreadPoolExecutor} or
         * a {@link ForkJoinPool}, else the number of available processors). A pool of platform threads takes it
         * from {@link #threads(int)}.
         *
         * @param parallelism the parallelism
         * @return this builder
         * @throws IllegalArgumentException if {@code parallelism < 1}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder parallelism(int parallelism) {
            requireUnset(this.parallelism == 0, "parallelism");
            this.parallelism = requirePositive(parallelism, "parallelism");
            return this;
        }

        /**
         * Sets how the model's threads are named: the prefix followed by a counter (default
         * {@code execmodels-threads-<pool>-} or {@code execmodels-virtual-<pool>-}). Not used by the executor
         * flavour.
         *
         * @param threadNamePrefix the prefix
         * @return this builder
         * @throws NullPointerException if {@code threadNamePrefix} is {@code null}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder threadNamePrefix(String threadNamePrefix) {
            requireUnset(this.threadNamePrefix == null, "threadNamePrefix");
            this.threadNamePrefix = Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
            return this;
        }

        /**
         * Sets how long {@link ThreadPoolModel#close()} lets the work already given finish before it interrupts
         * it (default 30 seconds).
         *
         * @param closeTimeout the bound
         * @return this builder
         * @throws NullPointerException if {@code closeTimeout} is {@code null}
         * @throws IllegalArgumentException if {@code closeTimeout} is negative
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder closeTimeout(Duration closeTimeout) {
            requireUnset(this.closeTimeout == null, "closeTimeout");
            this.closeTimeout = requireNonNegative(closeTimeout, "closeTimeout");
            return this;
        }

        /**
         * Returns a new, open model with the properties set so far; its threads start as work comes.
         *
         * @return the model, which the caller owns and must close
         * @throws IllegalStateException if more than one flavour was chosen, or {@link #parallelism(int)} was set
         *     with {@link #threads(int)}
         * @throws UnsupportedOperationException if {@link #virtualThreads()} was chosen on a runtime older than
         *     Java 21
         * @since 0.1
         */
        public ThreadPoolModel build() {
            int flavours = (threads > 0 ? 1 : 0) + (virtualThreads ? 1 : 0) + (executor != null ? 1 : 0);
            if (flavours > 1) {
                throw new IllegalStateException("choose one of threads(n), virtualThreads() and executor(service)");
            }
            Duration timeout = closeTimeout != null ? closeTimeout : DEFAULT_CLOSE_TIMEOUT;
            int number = POOLS.incrementAndGet();
            if (virtualThreads) {
                VirtualThreads.requireAvailable();
                String name = "virtual-threads";
                String prefix = threadNamePrefix != null ? threadNamePrefix : "execmodels-virtual-" + number + "-";
                return new ThreadPoolModel(name, parallelism > 0 ? parallelism : DEFAULT_VIRTUAL_PARALLELISM,
                        WorkerPool.virtual(name, prefix, timeout), true);
            }
            if (executor != null) {
                String name = "executor:" + executor.getClass().getSimpleName();
                return new ThreadPoolModel(name, parallelism > 0 ? parallelism : sizeOf(executor),
                        WorkerPool.borrowed(name, executor, timeout), false);
            }
            if (parallelism > 0) {
                throw new IllegalStateException("parallelism is for virtualThreads() and executor(service); a pool of"
                        + " platform threads has threads(n)");
            }
            int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            String name = "threads:" + n;
            String prefix = threadNamePrefix != null ? threadNamePrefix : "execmodels-threads-" + number + "-";
            return new ThreadPoolModel(name, n, WorkerPool.platform(name, n, prefix, timeout), false);
        }

        private static int sizeOf(ExecutorService executor) {
            int processors = Runtime.getRuntime().availableProcessors();
            if (executor instanceof ThreadPoolExecutor) {
                ThreadPoolExecutor pool = (ThreadPoolExecutor) executor;
                int max = pool.getMaximumPoolSize();
                return max == Integer.MAX_VALUE ? Math.max(processors, pool.getCorePoolSize()) : Math.max(1, max);
            }
            if (executor instanceof ForkJoinPool) {
                return Math.max(1, ((ForkJoinPool) executor).getParallelism());
            }
            return processors;
        }
    }
}
