package io.github.execmodels.async;

import static io.github.execmodels.internal.Checks.requireUnset;

import io.github.execmodels.internal.Timeouts;
import io.github.execmodels.Fn;
import io.github.execmodels.Job;
import io.github.execmodels.MapOptions;
import io.github.execmodels.ModelClosedException;
import io.github.execmodels.Outcome;
import io.github.execmodels.Task;
import io.github.execmodels.spi.AbstractExecutionModel;
import io.github.execmodels.spi.BasicTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
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

    /**
     * The system property that turns debug mode on for every loop: {@code -Dexecmodels.async.debug=true}.
     *
     * @since 0.1
     */
    public static final String DEBUG_PROPERTY = "execmodels.async.debug";

    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
    private static final AtomicInteger LOOP_IDS = new AtomicInteger();
    private static final AtomicInteger EXECUTOR_THREAD_IDS = new AtomicInteger();
    private static final long SHUTDOWN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static final int STARTED = 0;
    private static final int SHUTTING_DOWN = 1;
    private static final int TERMINATED = 2;

    private final Ticker ticker;
    private final boolean debug;
    private final long slowCallbackNanos;
    private final Selector selector;
    private final LoopThread thread;
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>(1024);
    private final ArrayDeque<Object> microtasks = new ArrayDeque<>(256);
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final TimerHeap timers = new TimerHeap();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final ReferenceQueue<AsyncTask<?>> collected = new ReferenceQueue<>();
    private final Set<UnretrievedFailure> unretrieved = new HashSet<>(); // loop thread only
    private final Object executorLock = new Object();
    private final Consumer<SelectionKey> keyHandler = this::handleKey;
    private final Set<CompletableFuture<Void>> terminationWatchers =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    private volatile boolean sleeping;
    private volatile int lifecycle = STARTED;
    private volatile boolean shutdownRequested;
    private volatile ExecutorService executor; // guarded by executorLock for creation
    private long timerSequence;
    private boolean shuttingDown;
    private long shutdownDeadline;
    private AsyncTask<?> liveHead;
    private int liveCount;
    int registeredChannels;
    /** Turns of the loop so far, for tests that check that an idle loop sleeps. */
    volatile long turns;
    /** Tests listen here to what the loop warns about. */
    volatile Consumer<String> diagnostics;
    /** The virtual thread of the coroutine body that holds the baton, or null: it counts as the loop's thread. */
    Thread bodyThread;
    private final CoroutineBodies coroutineBodies = new CoroutineBodies();

    private EventLoop(Builder b) {
        super("event-loop", 1);
        this.ticker = b.ticker != null ? b.ticker : Ticker.system();
        this.debug = b.debug != null ? b.debug : Boolean.getBoolean(DEBUG_PROPERTY);
        this.slowCallbackNanos = (b.slowCallbackThreshold != null ? b.slowCallbackThreshold
                : Duration.ofMillis(100)).toNanos();
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the loop's selector", e);
        }
        String name = b.threadName != null ? b.threadName : "execmodels-event-loop-" + LOOP_IDS.incrementAndGet();
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
        ready.add(Objects.requireNonNull(callback, "callback"));
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
        if (lifecycle == TERMINATED) {
            throw new ModelClosedException(name());
        }
        inbox.offer(callback);
        if (lifecycle == TERMINATED && inbox.remove(callback)) {
            throw new ModelClosedException(name());
        }
        if (sleeping && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
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
        if (inEventLoop()) {
            return scheduleTimer(deadline, callback);
        }
        TimerHandle handle = new TimerHandle(this, deadline, 0, callback);
        callSoonThreadSafe(() -> {
            if (!handle.isCancelled()) {
                TimerHandle real = new TimerHandle(this, deadline, timerSequence++, () -> {
                    if (!handle.isCancelled()) {
                        callback.run();
                    }
                });
                timers.add(real);
            }
        });
        return handle;
    }

    TimerHandle scheduleTimer(long deadline, Runnable action) {
        TimerHandle handle = new TimerHandle(this, deadline, timerSequence++, action);
        timers.add(handle);
        return handle;
    }

    TimerHeap timers() {
        return timers;
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
            linkLive(task);
            ready.add(task);
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
        microtasks.add(item);
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    CompletableFuture<Void> terminationFuture() {
        return terminated;
    }

    /** Completes {@code waiter} when the loop terminates, unless unwatched first; any thread. */
    void watchTermination(CompletableFuture<Void> waiter) {
        terminationWatchers.add(waiter);
        if (lifecycle == TERMINATED) {
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
        return debug;
    }

    long slowCallbackNanos() {
        return slowCallbackNanos;
    }

    void warn(String message) {
        log.warn(message);
        Consumer<String> d = diagnostics;
        if (d != null) {
            d.accept(message);
        }
    }

    // ---- live tasks

    void linkLive(AsyncTask<?> task) {
        task.live = true;
        task.nextLive = liveHead;
        if (liveHead != null) {
            liveHead.prevLive = task;
        }
        liveHead = task;
        liveCount++;
    }

    void unlinkLive(AsyncTask<?> task) {
        task.live = false;
        AsyncTask<?> prev = task.prevLive;
        AsyncTask<?> next = task.nextLive;
        if (prev != null) {
            prev.nextLive = next;
        } else {
            liveHead = next;
        }
        if (next != null) {
            next.prevLive = prev;
        }
        task.prevLive = null;
        task.nextLive = null;
        liveCount--;
    }

    /**
     * Returns how many tasks made by {@link #spawn(Coroutine)} are started and not done.
     *
     * @return the count; read it on the loop's thread for an exact figure
     * @since 0.1
     */
    public int liveTasks() {
        return liveCount;
    }

    // ---- the default executor of runInExecutor

    ExecutorService defaultExecutor() {
        ExecutorService e = executor;
        if (e != null) {
            return e;
        }
        synchronized (executorLock) {
            if (executor == null) {
                if (lifecycle == TERMINATED) {
                    throw new ModelClosedException(name());
                }
                int threads = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
                ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(), r -> {
                            Thread t = new Thread(r, thread.getName() + "-executor-"
                                    + EXECUTOR_THREAD_IDS.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
                pool.allowCoreThreadTimeOut(true);
                executor = pool;
            }
            return executor;
        }
    }

    // ---- the loop

    void loopMain() {
        try {
            while (true) {
                runOnce();
                if (shutdownRequested && shutdownStep()) {
                    break;
                }
            }
        } catch (Throwable fatal) {
            log.error("event loop {} stopped on an unexpected error", thread.getName(), fatal);
        } finally {
            terminate();
        }
    }

    private void runOnce() throws IOException {
        turns++;
        drainInbox();
        long now = ticker.nanoTime();
        timers.moveDue(now, ready);
        if (ready.isEmpty()) {
            long waitMillis = 0; // 0: until woken
            if (!timers.isEmpty()) {
                long delta = timers.peekDeadline() - now;
                waitMillis = Math.max(1, (delta + 999_999) / 1_000_000);
            }
            if (!unretrieved.isEmpty() || shutdownRequested) {
                long cap = shutdownRequested ? 100 : 1000;
                waitMillis = waitMillis == 0 ? cap : Math.min(waitMillis, cap);
            }
            sleeping = true;
            try {
                if (inbox.isEmpty()) {
                    selector.select(keyHandler, waitMillis);
                } else {
                    selector.selectNow(keyHandler);
                }
            } finally {
                sleeping = false;
                wakeupPending.set(false);
            }
            drainInbox();
            timers.moveDue(ticker.nanoTime(), ready);
        } else if (registeredChannels > 0) {
            selector.selectNow(keyHandler);
        }
        for (int n = ready.size(); n > 0; n--) {
            runOne(ready.poll());
        }
        if (!unretrieved.isEmpty()) {
            pollCollected();
        }
    }

    private void drainInbox() {
        Runnable r;
        while ((r = inbox.poll()) != null) {
            ready.add(r);
        }
    }

    /** Runs the handler of a selected key; the selector calls it during select, on the loop thread. */
    private void handleKey(SelectionKey key) {
        Object attachment = key.attachment();
        if (attachment instanceof IoHandler) {
            IoHandler handler = (IoHandler) attachment;
            try {
                handler.onReady(key);
            } catch (Throwable e) {
                reportCallbackFailure(handler, e);
            }
            if (!microtasks.isEmpty()) {
                drainMicrotasks();
            }
        }
    }

    /** Size of the loop's direct I/O buffer, shared by its connections (the loop does one I/O at a time). */
    static final int IO_BUFFER_SIZE = 64 * 1024;
    private ByteBuffer ioBuffer;

    ByteBuffer ioBuffer() {
        ByteBuffer b = ioBuffer;
        if (b == null) {
            b = ByteBuffer.allocateDirect(IO_BUFFER_SIZE);
            ioBuffer = b;
        }
        return b;
    }

    Selector selector() {
        return selector;
    }

    private void runOne(Runnable r) {
        if (debug) {
            long start = ticker.nanoTime();
            invoke(r);
            long took = ticker.nanoTime() - start;
            if (took >= slowCallbackNanos) {
                String message = String.format("Executing %s took %.3f seconds", r, took / 1e9);
                log.warn(message);
                Consumer<String> d = diagnostics;
                if (d != null) {
                    d.accept(message);
                }
            }
        } else {
            invoke(r);
        }
    }

    private void invoke(Runnable r) {
        try {
            r.run();
        } catch (Throwable e) {
            reportCallbackFailure(r, e);
        }
        if (!microtasks.isEmpty()) {
            drainMicrotasks();
        }
    }

    private void drainMicrotasks() {
        Object m;
        while ((m = microtasks.poll()) != null) {
            try {
                if (m instanceof AsyncTask) {
                    ((AsyncTask<?>) m).fireCallbacks();
                } else {
                    ((Runnable) m).run();
                }
            } catch (Throwable e) {
                reportCallbackFailure(m, e);
            }
        }
    }

    void reportCallbackFailure(Object callback, Throwable e) {
        String message = "Exception in callback " + callback + " on " + thread.getName();
        log.error(message, e);
        Consumer<String> d = diagnostics;
        if (d != null) {
            d.accept(message + ": " + e);
        }
    }

    private boolean shutdownStep() {
        if (!shuttingDown) {
            shuttingDown = true;
            lifecycle = SHUTTING_DOWN;
            shutdownDeadline = System.nanoTime() + SHUTDOWN_GRACE_NANOS;
        }
        for (AsyncTask<?> t = liveHead; t != null; ) {
            AsyncTask<?> next = t.nextLive;
            if (!t.cancelRequested) {
                t.cancelOnLoop();
                drainMicrotasks();
            }
            t = next;
        }
        if (liveHead == null && ready.isEmpty() && inbox.isEmpty() && microtasks.isEmpty()) {
            return true;
        }
        if (System.nanoTime() - shutdownDeadline > 0) {
            log.warn("event loop {} closes with {} tasks still running 5 s after close()", thread.getName(),
                    liveCount);
            return true;
        }
        return false;
    }

    private void terminate() {
        coroutineBodies.closeAll();
        lifecycle = TERMINATED;
        Runnable r;
        while ((r = inbox.poll()) != null) {
            if (r instanceof LoopJob.Step) {
                ((LoopJob.Step) r).job.rejectOnClose();
            }
        }
        for (Runnable left : ready) {
            if (left instanceof LoopJob.Step) {
                ((LoopJob.Step) left).job.rejectOnClose();
            }
        }
        ready.clear();
        timers.clear();
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException e) {
                log.debug("closing a channel at loop shutdown", e);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            log.debug("closing the selector", e);
        }
        pollCollected();
        ExecutorService e = executor;
        if (e != null) {
            e.shutdownNow();
        }
        terminated.complete(null);
        for (CompletableFuture<Void> w : terminationWatchers) {
            w.complete(null);
        }
    }

    @Override
    protected void shutdown() {
        shutdownRequested = true;
        if (lifecycle != TERMINATED) {
            try {
                callSoonThreadSafe(() -> { });
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
        ExecutorService e;
        synchronized (executorLock) {
            e = executor;
        }
        if (e != null) {
            e.shutdownNow();
            try {
                if (!e.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("blocking jobs of {} still run 10 s after close()", thread.getName());
                }
            } catch (InterruptedException ie) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- unretrieved failures

    static final class UnretrievedFailure extends PhantomReference<AsyncTask<?>> {
        final Throwable failure;
        final String description;
        volatile boolean retrieved;

        UnretrievedFailure(AsyncTask<?> task, Throwable failure, ReferenceQueue<AsyncTask<?>> queue) {
            super(task, queue);
            this.failure = failure;
            this.description = task.getClass().getSimpleName();
        }
    }

    UnretrievedFailure trackUnretrieved(AsyncTask<?> task, Throwable failure) {
        if (lifecycle == TERMINATED) {
            return null;
        }
        UnretrievedFailure tracker = new UnretrievedFailure(task, failure, collected);
        unretrieved.add(tracker);
        return tracker;
    }

    private void pollCollected() {
        Reference<? extends AsyncTask<?>> ref;
        while ((ref = collected.poll()) != null) {
            UnretrievedFailure u = (UnretrievedFailure) ref;
            unretrieved.remove(u);
            if (!u.retrieved) {
                String message = "Task exception was never retrieved: a " + u.description + " failed with " + u.failure
                        + " and no one looked at it";
                log.error(message, u.failure);
                Consumer<String> d = diagnostics;
                if (d != null) {
                    d.accept(message);
                }
            }
        }
    }

    // ---- test hooks (package-private)

    boolean hasReadyWork() {
        return !ready.isEmpty() || !inbox.isEmpty() || !microtasks.isEmpty();
    }

    long nextTimerDeadline() {
        return timers.isEmpty() ? Long.MAX_VALUE : timers.peekDeadline();
    }

    int terminationWatcherCount() {
        return terminationWatchers.size();
    }

    int pendingTimers() {
        return timers.size();
    }

    // ---- ExecutionModel

    @Override
    protected <R> BasicTask<R> start(Job<R> job) {
        LoopJob<R> task = LoopJob.of(this, job);
        if (inEventLoop()) {
            ready.add(task.stepper);
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
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(handler, "handler");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        ensureOpen();
        java.nio.channels.ServerSocketChannel channel = null;
        try {
            channel = java.nio.channels.ServerSocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new java.net.InetSocketAddress(host, port), 1024);
            Server server = new Server(this, channel, handler);
            if (inEventLoop()) {
                server.register();
            } else {
                callSoonThreadSafe(() -> {
                    try {
                        server.register();
                    } catch (IOException e) {
                        log.warn("could not register server {}", server, e);
                        server.close();
                    }
                });
            }
            return server;
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // failing anyway
                }
            }
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
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
