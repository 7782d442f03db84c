package io.github.execmodels.async;

import static io.github.execmodels.internal.Checks.requireUnset;

import io.github.execmodels.Fn;
import io.github.execmodels.Job;
import io.github.execmodels.MapOptions;
import io.github.execmodels.ModelClosedException;
import io.github.execmodels.Outcome;
import io.github.execmodels.Task;
import io.github.execmodels.internal.Timeouts;
import io.github.execmodels.spi.AbstractExecutionModel;
import io.github.execmodels.spi.BasicTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-threaded cooperative event loop, like Python's asyncio: one thread runs callbacks from a ready queue,
 * fires timers from a heap, and sleeps on an NIO {@link Selector} when there is nothing to do. Work declares where
 * it may pause by returning an {@link AsyncTask}; while one task waits, the loop runs the others.
 *
 * <pre>{@code
 * String result = EventLoop.run(() -> Async.sleep(Duration.ofSeconds(1)).thenApply(v -> "done"));
 * }</pre>
 *
 * <p>Inside, it has Netty's shape: a thread-safe submission queue ({@link #callSoonThreadSafe(Runnable)}, which
 * wakes the selector) next to a ready queue and a timer heap that only the loop thread touches; due timers move into
 * the ready queue so a busy queue cannot starve them; each turn runs the callbacks that were ready when it began and
 * reads the clock once. Completions of tasks run their continuations right after the callback that completed them,
 * in the same turn.
 *
 * <p>As an {@link io.github.execmodels.ExecutionModel} ({@code Models.eventLoop()}): {@code submit} runs the job in
 * one turn of the loop; {@code map} runs the function for each element on the loop thread, one element per turn, so
 * timers and other tasks interleave; {@link #parallelism()} is 1. A blocking call on the loop's own thread
 * ({@code map}, {@code join} or {@code get} of a task that is not done) throws {@link IllegalStateException}
 * instead of freezing the loop. A running callback is never interrupted: cancelling a job or a map element that is
 * running lets it finish.
 *
 * <p>Memory consistency effects: actions of a thread before it hands work to the loop ({@code submit},
 * {@code map}, {@link #callSoonThreadSafe(Runnable)}, {@link #spawn(Coroutine)}) happen-before the work runs; the
 * work's actions happen-before a successful return from {@code join}/{@code get} of its task.
 *
 * <p>Diagnostics: a failed task whose exception nobody retrieved is logged (at ERROR) when it is collected; an
 * exception thrown by a callback is logged and the loop goes on. Debug mode ({@link Builder#debug(boolean)} or the
 * system property {@value #DEBUG_PROPERTY}{@code =true}) also warns about every callback that ran longer than
 * {@link Builder#slowCallbackThreshold(Duration)} (100 ms by default), naming it and its duration.
 *
 * <p>Thread safety: {@link #callSoonThreadSafe(Runnable)}, {@link #spawn(Coroutine)},
 * {@link #runUntilComplete(Coroutine)}, {@link #callLater(Duration, Runnable)}, {@code submit}, {@code map} and
 * {@code close} may be called from any thread; {@link #callSoon(Runnable)} and everything in {@link Async} only on
 * the loop's thread, or in an await-style coroutine body ({@link Async#coroutine(AsyncBody)}), whose virtual thread
 * counts as the loop's while it holds the baton.
 *
 * @since 0.1
 */
public final class EventLoop extends AbstractExecutionModel implements Executor {

    // The public face; the parts live in package-private classes that share the loop thread:
    //   LoopTurn             one turn: inbox, ready and microtask queues, timer heap, selector, callback reports
    //   LoopState            the one lifecycle field: STARTED -> CLOSE_REQUESTED -> SHUTTING_DOWN -> TERMINATED
    //   LiveTasks            spawned tasks not yet done, cancelled when the loop closes
    //   UnretrievedFailures  failed tasks nobody looked at, reported when collected
    //   BlockingExecutor     the default executor of runInExecutor
    //   ServerBinding        opening the listening socket of startServer

    /**
     * The system property that turns debug mode on for every loop: {@code -Dexecmodels.async.debug=true}.
     *
     * @since 0.1
     */
    public static final String DEBUG_PROPERTY = "execmodels.async.debug";

    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
    private static final AtomicInteger LOOP_IDS = new AtomicInteger();
    private static final long SHUTDOWN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Ticker ticker;
    private final LoopThread thread;
    final LoopTurn turn;
    private final LiveTasks live = new LiveTasks();
    private final BlockingExecutor executor;
    private final AtomicReference<LoopState> state = new AtomicReference<>(LoopState.STARTED);
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    final Set<CompletableFuture<Void>> terminationWatchers = ConcurrentHashMap.newKeySet();
    private long shutdownDeadline; // loop thread only
    /** The virtual thread of the coroutine body that holds the baton, or null: it counts as the loop's thread. */
    Thread bodyThread;
    private final CoroutineBodies coroutineBodies = new CoroutineBodies();

    private EventLoop(Builder b) {
        super("event-loop", 1);
        this.ticker = b.ticker != null ? b.ticker : Ticker.system();
        boolean debug = b.debug != null ? b.debug : Boolean.getBoolean(DEBUG_PROPERTY);
        long slowCallbackNanos = (b.slowCallbackThreshold != null ? b.slowCallbackThreshold
                : Duration.ofMillis(100)).toNanos();
        Selector selector;
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the loop's selector", e);
        }
        String name = b.threadName != null ? b.threadName : "execmodels-event-loop-" + LOOP_IDS.incrementAndGet();
        this.turn = new LoopTurn(selector, ticker, log, debug, slowCallbackNanos, name);
        this.executor = new BlockingExecutor(name);
        this.thread = new LoopThread(this, name);
        thread.start();
    }

    /**
     * Returns a builder of event loops.
     *
     * @return a new builder
     * @since 0.1
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs {@code main} on a new event loop until it completes, then cancels what is left, closes the loop and
     * returns the result, like Python's {@code asyncio.run}.
     *
     * @param main the coroutine to run
     * @param <R> the result type
     * @return the result of {@code main}
     * @throws io.github.execmodels.TaskFailedException if {@code main} failed; its cause is the exception
     * @throws java.util.concurrent.CancellationException if {@code main} was cancelled
     * @throws IllegalStateException if called on an event loop's thread
     * @throws NullPointerException if {@code main} is {@code null}
     * @since 0.1
     */
    public static <R> R run(Coroutine<R> main) {
        Objects.requireNonNull(main, "main");
        if (Thread.currentThread() instanceof LoopThread || CoroutineTask.loopOfCurrentBody() != null) {
            throw new IllegalStateException("EventLoop.run cannot be called from a running event loop");
        }
        try (EventLoop loop = builder().build()) {
            return loop.runUntilComplete(main);
        }
    }

    /**
     * Returns the loop whose thread is the calling thread.
     *
     * @return the running loop
     * @throws IllegalStateException if the caller is not on an event loop's thread
     * @since 0.1
     */
    public static EventLoop current() {
        Thread t = Thread.currentThread();
        if (t instanceof LoopThread) {
            return ((LoopThread) t).loop;
        }
        EventLoop ofBody = CoroutineTask.loopOfCurrentBody();
        if (ofBody != null) {
            return ofBody;
        }
        throw new IllegalStateException("no event loop runs on thread " + t.getName()
                + ": call this from a coroutine or a callback of an EventLoop");
    }

    // ---- scheduling

    /**
     * Tells whether the calling thread is this loop's thread.
     *
     * @return {@code true} on the loop's thread
     * @since 0.1
     */
    public boolean inEventLoop() {
        Thread t = Thread.currentThread();
        return t == thread || t == bodyThread;
    }

    void checkInEventLoop(String what) {
        if (!inEventLoop()) {
            throw new IllegalStateException(what + " must be called on the event loop's thread ("
                    + thread.getName() + "), not on " + Thread.currentThread().getName()
                    + "; from other threads use callSoonThreadSafe or spawn");
        }
    }

    /**
     * Schedules {@code callback} to run on a later turn of the loop, after the callbacks already scheduled.
     *
     * @param callback what to run
     * @throws IllegalStateException if not called on the loop's thread (use {@link #callSoonThreadSafe(Runnable)})
     * @throws NullPointerException if {@code callback} is {@code null}
     * @since 0.1
     */
    public void callSoon(Runnable callback) {
        if (Thread.currentThread() != thread) {
            checkInEventLoop("callSoon"); // passes in a coroutine body that holds the baton
        }
        turn.ready.add(Objects.requireNonNull(callback, "callback"));
    }

    /**
     * Schedules {@code callback} to run on the loop, from any thread, and wakes the loop if it sleeps.
     *
     * @param callback what to run
     * @throws RejectedExecutionException if the loop has terminated
     * @throws NullPointerException if {@code callback} is {@code null}
     * @since 0.1
     */
    public void callSoonThreadSafe(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (state.get() == LoopState.TERMINATED) {
            throw new ModelClosedException(name());
        }
        turn.offer(callback);
        if (state.get() == LoopState.TERMINATED && turn.withdraw(callback)) {
            throw new ModelClosedException(name());
        }
    }

    /**
     * Runs {@code command} on the loop: the same as {@link #callSoonThreadSafe(Runnable)}.
     *
     * @param command what to run
     * @throws RejectedExecutionException if the loop has terminated
     * @since 0.1
     */
    @Override
    public void execute(Runnable command) {
        callSoonThreadSafe(command);
    }

    /**
     * Schedules {@code callback} to run on the loop once {@code delay} has passed on the loop's {@link Ticker}.
     *
     * @param delay how long to wait; zero or negative runs it on the next turn
     * @param callback what to run
     * @return a handle that can cancel it
     * @throws RejectedExecutionException if called from another thread and the loop has terminated
     * @throws NullPointerException if an argument is {@code null}
     * @since 0.1
     */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(callback, "callback");
        long deadline = ticker.nanoTime() + Math.max(0, Timeouts.clampedNanos(delay));
        // the handle checks its own flag when it fires: a cancel from another thread may reach the loop after the
        // timer became due in the same turn
        TimerHandle[] self = new TimerHandle[1];
        TimerHandle handle = new TimerHandle(this, deadline, new Runnable() {
            @Override
            public void run() {
                if (!self[0].isCancelled()) {
                    callback.run();
                }
            }

            @Override
            public String toString() {
                return callback.toString(); // what debug mode names when the callback is slow
            }
        });
        self[0] = handle;
        if (inEventLoop()) {
            addTimer(handle);
        } else {
            // the handle itself goes into the heap, so that a cancel from any thread can take it out again
            callSoonThreadSafe(() -> {
                if (!handle.isCancelled()) {
                    addTimer(handle);
                }
            });
        }
        return handle;
    }

    TimerHandle scheduleTimer(long deadline, Runnable action) {
        return turn.addTimer(new TimerHandle(this, deadline, action));
    }

    private TimerHandle addTimer(TimerHandle handle) {
        return turn.addTimer(handle);
    }

    TimerHeap timers() {
        return turn.timers;
    }

    /**
     * Returns the time on the loop's {@link Ticker}, the clock of its timers.
     *
     * @return nanoseconds from an arbitrary origin
     * @since 0.1
     */
    public long nanoTime() {
        return ticker.nanoTime();
    }

    /**
     * Starts {@code coroutine} as a task of this loop, like asyncio's {@code create_task}: it begins on a later
     * turn. {@link EventLoop#run(Coroutine)} and {@link #close()} cancel the tasks still running when they end.
     *
     * @param coroutine the work
     * @param <R> the result type
     * @return its task
     * @throws io.github.execmodels.ModelClosedException if called from another thread after {@link #close()}
     * @throws NullPointerException if {@code coroutine} is {@code null}
     * @since 0.1
     */
    public <R> AsyncTask<R> spawn(Coroutine<R> coroutine) {
        Objects.requireNonNull(coroutine, "coroutine");
        SpawnedTask<R> task = new SpawnedTask<>(this, coroutine);
        if (inEventLoop()) {
            live.link(task);
            turn.ready.add(task);
        } else {
            ensureOpen();
            callSoonThreadSafe(task);
        }
        return task;
    }

    /**
     * Runs {@code main} on this loop and waits for it, from another thread; the loop stays open.
     *
     * @param main the coroutine
     * @param <R> the result type
     * @return its result
     * @throws io.github.execmodels.TaskFailedException if {@code main} failed; its cause is the exception
     * @throws java.util.concurrent.CancellationException if {@code main} was cancelled or the loop closed first
     * @throws IllegalStateException if called on the loop's own thread
     * @throws io.github.execmodels.ModelClosedException if the loop is closed
     * @throws NullPointerException if {@code main} is {@code null}
     * @since 0.1
     */
    public <R> R runUntilComplete(Coroutine<R> main) {
        Objects.requireNonNull(main, "main");
        if (inEventLoop()) {
            throw new IllegalStateException("runUntilComplete blocks, and was called on the loop's own thread: "
                    + "it would wait forever. Use spawn or thenCompose instead");
        }
        return spawn(main).join();
    }

    /** Turns any task into one of this loop's. */
    AsyncTask<?> adapt(Task<?> task) {
        if (task instanceof AsyncTask && ((AsyncTask<?>) task).loop == this) {
            return (AsyncTask<?>) task;
        }
        return new ForeignTask<>(this, task);
    }

    void microtask(Object item) {
        turn.microtask(item);
    }

    /** Tells whether the loop thread began shutting down (it cancelled the live tasks). */
    boolean isShuttingDown() {
        return state.get().compareTo(LoopState.SHUTTING_DOWN) >= 0;
    }

    CompletableFuture<Void> terminationFuture() {
        return terminated;
    }

    /** Completes {@code waiter} when the loop terminates, unless unwatched first; any thread. */
    void watchTermination(CompletableFuture<Void> waiter) {
        terminationWatchers.add(waiter);
        if (state.get() == LoopState.TERMINATED) {
            waiter.complete(null);
        }
    }

    void unwatchTermination(CompletableFuture<Void> waiter) {
        terminationWatchers.remove(waiter);
    }

    // ---- coroutine bodies (CoroutineTask)

    CoroutineBodies coroutineBodies() {
        return coroutineBodies;
    }

    boolean debug() {
        return turn.debug();
    }

    long slowCallbackNanos() {
        return turn.slowCallbackNanos();
    }

    void warn(String message) {
        log.warn(message);
    }

    void linkLive(AsyncTask<?> task) {
        live.link(task);
    }

    void unlinkLive(AsyncTask<?> task) {
        live.unlink(task);
    }

    /**
     * Returns how many tasks made by {@link #spawn(Coroutine)} are started and not done.
     *
     * @return the count; read it on the loop's thread for an exact figure
     * @since 0.1
     */
    public int liveTasks() {
        return live.count();
    }

    ExecutorService defaultExecutor() {
        return executor.get();
    }

    long recentNanos() {
        return turn.recentNanos();
    }

    ByteBuffer ioBuffer() {
        return turn.ioBuffer();
    }

    byte[] readScratch() {
        return turn.readScratch();
    }

    void reportCallbackFailure(Object callback, Throwable e) {
        turn.reportCallbackFailure(callback, e);
    }

    UnretrievedFailures.Tracker trackUnretrieved(AsyncTask<?> task, Throwable failure) {
        return state.get() == LoopState.TERMINATED ? null : turn.unretrieved.track(task, failure);
    }

    // ---- lifecycle

    void loopMain() {
        try {
            while (true) {
                boolean closing = state.get() != LoopState.STARTED;
                turn.run(closing);
                if (closing && shutdownStep()) {
                    break;
                }
            }
        } catch (Throwable fatal) {
            log.error("event loop {} stopped on an unexpected error", thread.getName(), fatal);
        } finally {
            terminate();
        }
    }

    /** Cancels what is left and tells whether the loop may end: nothing left to run, or the grace is over. */
    private boolean shutdownStep() {
        if (state.compareAndSet(LoopState.CLOSE_REQUESTED, LoopState.SHUTTING_DOWN)) {
            shutdownDeadline = System.nanoTime() + SHUTDOWN_GRACE_NANOS;
        }
        live.cancelAll(turn::drainMicrotasks);
        if (live.isEmpty() && !turn.hasReadyWork()) {
            return true;
        }
        if (System.nanoTime() - shutdownDeadline > 0) {
            log.warn("event loop {} closes with {} tasks still running 5 s after close()", thread.getName(),
                    live.count());
            return true;
        }
        return false;
    }

    private void terminate() {
        coroutineBodies.closeAll();
        state.set(LoopState.TERMINATED);
        turn.drainLeftOver(left -> {
            if (left instanceof LoopJob.Step) {
                ((LoopJob.Step) left).job.rejectOnClose();
            }
        });
        for (SelectionKey key : turn.selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException e) {
                log.debug("closing a channel at loop shutdown", e);
            }
        }
        try {
            turn.selector.close();
        } catch (IOException e) {
            log.debug("closing the selector", e);
        }
        turn.pollCollected();
        executor.shutdownNow();
        terminated.complete(null);
        for (CompletableFuture<Void> w : terminationWatchers) {
            w.complete(null);
        }
    }

    @Override
    protected void shutdown() {
        state.compareAndSet(LoopState.STARTED, LoopState.CLOSE_REQUESTED);
        if (state.get() != LoopState.TERMINATED) {
            try {
                callSoonThreadSafe(() -> { }); // wakes the loop to see the request
            } catch (RejectedExecutionException alreadyGone) {
                // terminated meanwhile
            }
        }
        if (inEventLoop()) {
            return; // the loop ends after this turn
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (!executor.shutdownAndAwait()) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    Selector selector() {
        return turn.selector;
    }

    // ---- ExecutionModel

    @Override
    protected <R> BasicTask<R> start(Job<R> job) {
        LoopJob<R> task = LoopJob.of(this, job);
        if (inEventLoop()) {
            turn.ready.add(task.stepper);
        } else {
            callSoonThreadSafe(task.stepper);
        }
        return task;
    }

    @Override
    protected int maxChunksInFlight() {
        return 1;
    }

    private void checkNotOnLoop(String what) {
        if (inEventLoop()) {
            throw new IllegalStateException(what + " blocks until every element is done, and was called on the "
                    + "event loop's own thread, where the elements must run: it would wait forever. From code on the "
                    + "loop, spawn the work and combine it with Async.gather instead");
        }
    }

    @Override
    public <T, R> List<R> map(Fn<? super T, ? extends R> fn, Iterable<? extends T> data, MapOptions options) {
        checkNotOnLoop("map");
        return super.map(fn, data, options);
    }

    @Override
    public <T, R> List<Outcome<R>> mapOutcomes(Fn<? super T, ? extends R> fn, Iterable<? extends T> data,
            MapOptions options) {
        checkNotOnLoop("mapOutcomes");
        return super.mapOutcomes(fn, data, options);
    }

    @Override
    public <T, R> Stream<R> imap(Fn<? super T, ? extends R> fn, Iterable<? extends T> data, MapOptions options) {
        checkNotOnLoop("imap");
        return super.imap(fn, data, options);
    }

    @Override
    public <T, R> Stream<R> imapUnordered(Fn<? super T, ? extends R> fn, Iterable<? extends T> data,
            MapOptions options) {
        checkNotOnLoop("imapUnordered");
        return super.imapUnordered(fn, data, options);
    }

    // ---- TCP

    /**
     * Starts a TCP server on {@code host:port} (asyncio's {@code start_server}): for each connection it accepts,
     * the loop spawns {@code handler.apply(connection)} and closes the connection when that task is done. The
     * socket is bound before this method returns; accepting begins on the loop's next turn.
     *
     * @param host the address to bind, such as {@code "127.0.0.1"}
     * @param port the port; 0 picks a free one (see {@link Server#port()})
     * @param handler the coroutine of one connection
     * @return the server; close it to stop accepting
     * @throws java.io.UncheckedIOException if the socket cannot be bound
     * @throws IllegalArgumentException if {@code port} is out of range
     * @throws io.github.execmodels.ModelClosedException if the loop is closed
     * @throws NullPointerException if an argument is {@code null}
     * @since 0.1
     */
    public Server startServer(String host, int port, Fn<? super TcpStream, ? extends Task<?>> handler) {
        return startServer(host, port, ServerOptions.defaults(), handler);
    }

    /**
     * Starts a TCP server on {@code host:port} as {@link #startServer(String, int, Fn)} does, with the limits of
     * {@code options}: how many connections may be open, how long one may be idle, how long closing one may wait
     * for a peer that does not read.
     *
     * @param host the address to bind, such as {@code "127.0.0.1"}
     * @param port the port; 0 picks a free one (see {@link Server#port()})
     * @param options the server's limits
     * @param handler the coroutine of one connection
     * @return the server; close it to stop accepting
     * @throws java.io.UncheckedIOException if the socket cannot be bound
     * @throws IllegalArgumentException if {@code port} is out of range
     * @throws io.github.execmodels.ModelClosedException if the loop is closed
     * @throws NullPointerException if an argument is {@code null}
     * @since 0.1
     */
    public Server startServer(String host, int port, ServerOptions options,
            Fn<? super TcpStream, ? extends Task<?>> handler) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        ensureOpen();
        return ServerBinding.bind(this, host, port, options, handler);
    }

    @Override
    public String toString() {
        return "EventLoop[" + thread.getName() + (isClosed() ? ", closed]" : "]");
    }

    /** The loop's thread: it knows its loop, so that {@link EventLoop#current()} is a type check. */
    static final class LoopThread extends Thread {
        final EventLoop loop;

        LoopThread(EventLoop loop, String name) {
            super(name);
            this.loop = loop;
        }

        @Override
        public void run() {
            loop.loopMain();
        }
    }

    /**
     * Builds {@link EventLoop}s. Each property may be set once; {@link #build()} may be called many times.
     *
     * <p>Thread safety: not thread safe; confine a builder to one thread.
     *
     * @since 0.1
     */
    public static final class Builder {
        private Ticker ticker;
        private Boolean debug;
        private Duration slowCallbackThreshold;
        private String threadName;

        private Builder() {
        }

        /**
         * Sets the clock of timers, sleeps and timeouts; the system's {@link System#nanoTime()} by default.
         *
         * @param ticker the clock
         * @return this builder
         * @throws IllegalStateException if already set
         * @throws NullPointerException if {@code ticker} is {@code null}
         * @since 0.1
         */
        public Builder ticker(Ticker ticker) {
            Objects.requireNonNull(ticker, "ticker");
            requireUnset(this.ticker == null, "ticker");
            this.ticker = ticker;
            return this;
        }

        /**
         * Turns debug mode on or off; off by default unless the system property {@value EventLoop#DEBUG_PROPERTY} is
         * {@code true}.
         *
         * @param debug whether to warn about slow callbacks
         * @return this builder
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder debug(boolean debug) {
            requireUnset(this.debug == null, "debug");
            this.debug = debug;
            return this;
        }

        /**
         * Sets how long a callback may run before debug mode warns about it; 100 ms by default.
         *
         * @param threshold the threshold
         * @return this builder
         * @throws IllegalStateException if already set
         * @throws IllegalArgumentException if {@code threshold} is negative
         * @throws NullPointerException if {@code threshold} is {@code null}
         * @since 0.1
         */
        public Builder slowCallbackThreshold(Duration threshold) {
            Objects.requireNonNull(threshold, "threshold");
            if (threshold.isNegative()) {
                throw new IllegalArgumentException("slowCallbackThreshold: " + threshold + " (expected: >= 0)");
            }
            requireUnset(this.slowCallbackThreshold == null, "slowCallbackThreshold");
            this.slowCallbackThreshold = threshold;
            return this;
        }

        /**
         * Sets the name of the loop's thread; {@code execmodels-event-loop-N} by default.
         *
         * @param name the thread name
         * @return this builder
         * @throws IllegalStateException if already set
         * @throws NullPointerException if {@code name} is {@code null}
         * @since 0.1
         */
        public Builder threadName(String name) {
            Objects.requireNonNull(name, "name");
            requireUnset(this.threadName == null, "threadName");
            this.threadName = name;
            return this;
        }

        /**
         * Builds and starts a loop; the caller owns it and must {@link EventLoop#close() close} it.
         *
         * @return a new, running loop
         * @since 0.1
         */
        public EventLoop build() {
            return new EventLoop(this);
        }
    }
}
