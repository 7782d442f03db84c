package io.github.execmodels.threads.internal;

import io.github.execmodels.internal.Timeouts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code ThreadPoolModel} seen as an {@link java.util.concurrent.ExecutorService}. The view has its own life:
 * {@link #shutdown()} and {@link #shutdownNow()} concern the work given through this view, and the model stays open;
 * closing the model shuts the view down.
 *
 * <p>Thread safe.
 */
public final class ExecutorView extends AbstractExecutorService {

    private static final Logger log = LoggerFactory.getLogger(ExecutorView.class);

    private final WorkerPool pool;
    private final Object lock = new Object();
    /** Entries given through this view and not yet finished, in submission order; guarded by lock. */
    private final Set<ViewEntry> active = new LinkedHashSet<>();
    private boolean shutdown; // guarded by lock

    public ExecutorView(WorkerPool pool) {
        this.pool = pool;
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        Objects.requireNonNull(callable, "callable");
        return pool.newTask(callable::call);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        Objects.requireNonNull(runnable, "runnable");
        return pool.newTask(() -> {
            runnable.run();
            return value;
        });
    }

    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        ViewEntry entry = new ViewEntry(command);
        synchronized (lock) {
            if (shutdown) {
                throw new RejectedExecutionException("this executor view of " + pool.name() + " is shut down");
            }
            active.add(entry);
        }
        try {
            pool.dispatch(entry);
        } catch (RuntimeException | Error e) {
            remove(entry);
            throw e;
        }
    }

    private void remove(ViewEntry entry) {
        synchronized (lock) {
            if (active.remove(entry) && active.isEmpty()) {
                lock.notifyAll();
            }
        }
    }

    @Override
    public void shutdown() {
        synchronized (lock) {
            shutdown = true;
            if (active.isEmpty()) {
                lock.notifyAll();
            }
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<ViewEntry> entries;
        synchronized (lock) {
            shutdown = true;
            entries = new ArrayList<>(active);
        }
        // first take back what has not started, so that a thread freed by the interrupts cannot start it
        List<Runnable> neverStarted = new ArrayList<>();
        List<ViewEntry> started = new ArrayList<>();
        for (ViewEntry entry : entries) {
            if (entry.abandon()) {
                neverStarted.add(entry.command);
            } else {
                started.add(entry);
            }
        }
        for (ViewEntry entry : started) {
            entry.interrupt();
        }
        return neverStarted;
    }

    @Override
    public boolean isShutdown() {
        synchronized (lock) {
            return shutdown || pool.isClosed();
        }
    }

    @Override
    public boolean isTerminated() {
        synchronized (lock) {
            return (shutdown || pool.isClosed()) && active.isEmpty();
        }
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + Timeouts.clampedNanos(timeout, unit);
        synchronized (lock) {
            while (!((shutdown || pool.isClosed()) && active.isEmpty())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // the model may close without telling the view: look again now and then
                TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        }
    }

    @Override
    public String toString() {
        return "ExecutorView[" + pool.name() + (isShutdown() ? ", shut down" : "") + "]";
    }

    /** A command given through the view. */
    private final class ViewEntry extends Entry {
        final Runnable command;

        ViewEntry(Runnable command) {
            this.command = command;
        }

        @Override
        void body() {
            try {
                command.run();
            } catch (RuntimeException | Error e) {
                // nobody can retrieve the failure of a plain Runnable given to execute(): say it
                log.warn("a task given to execute() on {} threw", pool.name(), e);
            }
        }

        @Override
        void abandoned() {
            remove(this);
        }

        @Override
        void afterRun() {
            remove(this);
        }
    }
}
