package io.github.execmodels.threads.internal;

import io.github.execmodels.internal.Timeouts;
import io.github.execmodels.Job;
import io.github.execmodels.ModelClosedException;
import io.github.execmodels.threads.internal.PoolTask.TaskEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads behind a {@code ThreadPoolModel}: an executor (a pool of platform threads, one virtual thread per
 * task, or one the user owns), how work reaches it, which threads count as its own, and how it closes.
 *
 * <p>Thread safe.
 */
public final class WorkerPool {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    /** The pool whose work the current thread is running, if any. */
    static final ThreadLocal<WorkerPool> CURRENT = new ThreadLocal<>();

    /** How long interrupted work may take to stop after the close timeout expired. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /** How long idle platform threads live; they start again when work comes. */
    private static final long KEEP_ALIVE_SECONDS = 60;

    private final String name;
    private final ExecutorService executor;
    private final boolean owned;
    private final Duration closeTimeout;
    private final PlatformThreads platformThreads;
    /** Entries not yet finished, for an executor we do not own (its termination tells us nothing). */
    private final Set<Entry> outstanding;
    private final Object outstandingLock = new Object();
    private volatile boolean closed;

    private WorkerPool(String name, ExecutorService executor, boolean owned, Duration closeTimeout,
            PlatformThreads platformThreads) {
        this.name = name;
        this.executor = executor;
        this.owned = owned;
        this.closeTimeout = closeTimeout;
        this.platformThreads = platformThreads;
        this.outstanding = owned ? null : ConcurrentHashMap.newKeySet();
    }

    /** A fixed pool of {@code threads} named daemon platform threads. */
    public static WorkerPool platform(String name, int threads, String threadNamePrefix, Duration closeTimeout) {
        PlatformThreads factory = new PlatformThreads(threadNamePrefix);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        // a forgotten, idle pool gives its threads back
        executor.allowCoreThreadTimeOut(true);
        return new WorkerPool(name, executor, true, closeTimeout, factory);
    }

    /** One new virtual thread per task (Java 21+). */
    public static WorkerPool virtual(String name, String threadNamePrefix, Duration closeTimeout) {
        return new WorkerPool(name, VirtualThreads.newThreadPerTaskExecutor(threadNamePrefix), true, closeTimeout,
                null);
    }

    /** An executor the user owns: never shut down here. */
    public static WorkerPool borrowed(String name, ExecutorService executor, Duration closeTimeout) {
        return new WorkerPool(name, executor, false, closeTimeout, null);
    }

    /** Tells whether the calling thread is running work of this pool. */
    public boolean isCurrentThreadOurs() {
        return CURRENT.get() == this;
    }

    public boolean isClosed() {
        return closed;
    }

    public String name() {
        return name;
    }

    /** Creates a task of this pool that is not started yet. */
    public <R> PoolTask<R> newTask(Job<? extends R> job) {
        return new PoolTask<>(job, this);
    }

    /** Starts {@code job} on this pool. */
    public <R> PoolTask<R> start(Job<? extends R> job) {
        PoolTask<R> task = new PoolTask<>(job, this);
        dispatch(new TaskEntry(task));
        return task;
    }

    void dispatch(Entry entry) {
        if (closed) {
            throw new ModelClosedException(name);
        }
        entry.pool = this;
        if (outstanding != null) {
            outstanding.add(entry);
            if (closed) { // close() may have looked at outstanding before the add
                entry.abandon();
                throw new ModelClosedException(name);
            }
        }
        try {
            executor.execute(entry);
        } catch (RejectedExecutionException e) {
            if (outstanding != null) {
                outstanding.remove(entry);
            }
            if (closed) {
                throw new ModelClosedException(name);
            }
            throw e;
        }
    }

    void finished(Entry entry) {
        if (outstanding != null && outstanding.remove(entry) && closed) {
            synchronized (outstandingLock) {
                outstandingLock.notifyAll();
            }
        }
    }

    /**
     * Stops taking work, lets the work already given finish within the close timeout, then interrupts what is
     * still running and cancels what never started; returns once every thread this pool started is gone (bounded).
     */
    public void close() {
        closed = true;
        boolean interrupted = false;
        try {
            if (isCurrentThreadOurs()) {
                // waiting for our own work from inside it would wait for ourselves
                log.debug("{} closed from one of its own threads: not waiting for its work", name);
                if (owned) {
                    executor.shutdown();
                }
                return;
            }
            if (owned) {
                closeOwned();
            } else {
                closeBorrowed();
            }
        } catch (InterruptedException e) {
            interrupted = true;
            log.warn("{}: interrupted while closing; interrupting its work", name);
            forceStop();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeOwned() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(Timeouts.clampedNanos(closeTimeout), TimeUnit.NANOSECONDS)) {
            log.warn("{}: work still running {} after close(); interrupting it", name, closeTimeout);
            forceStop();
            if (!executor.awaitTermination(STOP_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
                log.warn("{}: work still running {} after it was interrupted: it ignores interrupts", name,
                        STOP_GRACE);
            }
        }
        if (platformThreads != null) {
            int alive = platformThreads.joinAll(System.nanoTime() + STOP_GRACE.toNanos());
            if (alive > 0) {
                log.warn("{}: {} threads still alive after close()", name, alive);
            }
        }
        log.debug("{} closed", name);
    }

    private void closeBorrowed() throws InterruptedException {
        if (!awaitOutstanding(closeTimeout)) {
            log.warn("{}: work still running {} after close(); interrupting it", name, closeTimeout);
            forceStop();
            if (!awaitOutstanding(STOP_GRACE)) {
                log.warn("{}: work still running {} after it was interrupted: it ignores interrupts", name,
                        STOP_GRACE);
            }
        }
        log.debug("{} closed (its executor stays open: it belongs to the caller)", name);
    }

    private boolean awaitOutstanding(Duration timeout) throws InterruptedException {
        long deadline = Timeouts.deadlineAfter(timeout);
        synchronized (outstandingLock) {
            while (!outstanding.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(outstandingLock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        }
    }

    /** Cancels every entry not started and interrupts every running one. */
    private void forceStop() {
        if (owned) {
            List<Runnable> neverStarted = executor.shutdownNow();
            for (Runnable runnable : neverStarted) {
                if (runnable instanceof Entry) {
                    ((Entry) runnable).abandon();
                }
            }
            return;
        }
        // first take back what has not started, so that a thread freed by the interrupts cannot start it
        List<Entry> started = new ArrayList<>();
        for (Entry entry : new ArrayList<>(outstanding)) {
            if (!entry.abandon()) {
                started.add(entry);
            }
        }
        for (Entry entry : started) {
            entry.interrupt();
        }
    }
}
