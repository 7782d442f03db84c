package io.github.execmodels.threads.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One unit of work handed to the underlying executor. It runs at most once, with its pool marked as the current
 * thread's pool while it runs (so that nested waits can help instead of deadlock), and can be abandoned before it
 * starts (so that a forced close or a view's {@code shutdownNow} keeps it from ever running).
 *
 * <p>Thread safe.
 */
abstract class Entry implements Runnable {

    private static final int PENDING = 0;
    private static final int RUNNING = 1;
    private static final int FINISHED = 2;

    private final AtomicInteger state = new AtomicInteger(PENDING);
    private Thread runner; // guarded by this
    private boolean interruptedByUs; // guarded by this
    WorkerPool pool; // set once by WorkerPool.dispatch, before the executor sees the entry

    @Override
    public final void run() {
        if (!state.compareAndSet(PENDING, RUNNING)) {
            return;
        }
        Thread thread = Thread.currentThread();
        WorkerPool previous = WorkerPool.CURRENT.get();
        WorkerPool.CURRENT.set(pool);
        synchronized (this) {
            runner = thread;
        }
        try {
            body();
        } finally {
            boolean clear;
            synchronized (this) {
                runner = null;
                clear = interruptedByUs;
                state.set(FINISHED);
            }
            if (clear) {
                // our interrupt was meant for this entry only: the thread goes back to its executor clean
                Thread.interrupted();
            }
            if (previous == null) {
                WorkerPool.CURRENT.remove();
            } else {
                WorkerPool.CURRENT.set(previous);
            }
            pool.finished(this);
            afterRun();
        }
    }

    /** The work. */
    abstract void body();

    /** Called once when this entry is abandoned before it ran. */
    abstract void abandoned();

    /** Called once after the body ran (or threw). */
    void afterRun() {
    }

    /** Keeps a pending entry from ever running; returns whether it was pending. */
    final boolean abandon() {
        if (!state.compareAndSet(PENDING, FINISHED)) {
            return false;
        }
        pool.finished(this);
        abandoned();
        return true;
    }

    /** Interrupts the thread running this entry, if one is. */
    final void interrupt() {
        synchronized (this) {
            if (runner != null) {
                interruptedByUs = true;
                runner.interrupt();
            }
        }
    }

    final boolean isPending() {
        return state.get() == PENDING;
    }

    final boolean isFinished() {
        return state.get() == FINISHED;
    }
}
