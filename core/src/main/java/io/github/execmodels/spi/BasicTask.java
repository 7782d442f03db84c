package io.github.execmodels.spi;

import io.github.execmodels.Job;
import io.github.execmodels.Task;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.WaitTimeoutException;
import io.github.execmodels.internal.Timeouts;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Task} that model authors can reuse, in one of two ways.
 *
 * <ul>
 *   <li>Built with a {@link Job}, it is a {@link Runnable}: hand it to any thread; {@link #run()} runs the job
 *       once however many threads call it (so a waiting thread may run a task that no worker has started yet),
 *       and {@link #cancel(boolean) cancel(true)} interrupts the thread running it.</li>
 *   <li>Built without, the model drives it: {@link #markStarted()}, then {@link #complete(Object)} or
 *       {@link #fail(Throwable)}; it overrides {@link #onStop(boolean)} to stop the work on cancellation (kill a
 *       worker, cancel a coroutine).</li>
 * </ul>
 *
 * <p>Thread safe.
 *
 * @param <R> the result type
 * @since 0.1
 */
public class BasicTask<R> implements Task<R>, Runnable {

    private static final int PENDING = 0;
    private static final int RUNNING = 1;
    private static final int STOPPED = 2;

    private final Job<? extends R> job;
    private final CompletableFuture<R> result = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final Object lock = new Object();

    private volatile int phase = PENDING;
    private Thread runner; // guarded by lock
    private boolean interruptedByUs; // guarded by lock
    private volatile long startNanos;
    private volatile long stopNanos;

    /**
     * Creates a task that runs {@code job} when {@link #run()} is called.
     *
     * @param job the work
     * @throws NullPointerException if {@code job} is {@code null}
     * @since 0.1
     */
    public BasicTask(Job<? extends R> job) {
        this.job = Objects.requireNonNull(job, "job");
    }

    /**
     * Creates a task that its model drives through {@link #markStarted()}, {@link #complete(Object)} and
     * {@link #fail(Throwable)}.
     *
     * @since 0.1
     */
    protected BasicTask() {
        this.job = null;
    }

    /**
     * Runs the job on the calling thread, unless it was already started, cancelled or completed.
     *
     * @since 0.1
     */
    @Override
    public final void run() {
        if (job == null) {
            throw new IllegalStateException("this task is driven by its model, not run");
        }
        if (!begin(Thread.currentThread())) {
            return;
        }
        try {
            R value = job.call();
            // the work's own time, taken before complete() runs the callbacks (which read elapsedNanos() to size
            // the next chunks and may wake other threads, a cost that does not belong to the work)
            stopNanos = System.nanoTime();
            result.complete(value);
        } catch (Throwable t) {
            stopNanos = System.nanoTime();
            result.completeExceptionally(t);
        } finally {
            markStopped();
        }
    }

    /**
     * Marks the task as running; the model calls it when the work starts.
     *
     * @return {@code false} if it had already started or is already done (cancelled while pending, say)
     * @since 0.1
     */
    public boolean markStarted() {
        return begin(null);
    }

    private boolean begin(Thread thread) {
        synchronized (lock) {
            if (phase != PENDING || result.isDone()) {
                return false;
            }
            phase = RUNNING;
            runner = thread;
            startNanos = System.nanoTime();
            return true;
        }
    }

    /**
     * Marks the work as no longer running (finished, or stopped after a cancellation). {@link #run()} and
     * {@link #complete(Object)} / {@link #fail(Throwable)} of a model-driven task call it themselves.
     *
     * @since 0.1
     */
    protected void markStopped() {
        boolean clearInterrupt;
        synchronized (lock) {
            if (phase == STOPPED) {
                return;
            }
            clearInterrupt = interruptedByUs && runner == Thread.currentThread();
            phase = STOPPED;
            runner = null;
            if (stopNanos == 0) {
                stopNanos = System.nanoTime();
            }
        }
        if (clearInterrupt) {
            // the interrupt was meant for this task only: the thread goes back to its pool clean
            Thread.interrupted();
        }
        stopped.complete(null);
    }

    /**
     * Completes the task with {@code value}, unless it is already done.
     *
     * @param value the result
     * @return {@code true} if this call completed the task
     * @since 0.1
     */
    public boolean complete(R value) {
        boolean completed = result.complete(value);
        if (job == null) {
            markStopped();
        }
        return completed;
    }

    /**
     * Fails the task with {@code failure}, unless it is already done.
     *
     * @param failure the task's own exception
     * @return {@code true} if this call completed the task
     * @since 0.1
     */
    public boolean fail(Throwable failure) {
        boolean completed = result.completeExceptionally(Objects.requireNonNull(failure, "failure"));
        if (job == null) {
            markStopped();
        }
        return completed;
    }

    /**
     * Fails the task with {@code reason} and stops its work as {@code cancel(true)} would: used for timeouts.
     *
     * @param reason the failure, usually a {@link io.github.execmodels.TaskTimeoutException}
     * @return {@code true} if this call completed the task
     * @since 0.1
     */
    public boolean abort(Throwable reason) {
        if (!result.completeExceptionally(Objects.requireNonNull(reason, "reason"))) {
            return false;
        }
        stopWork(true);
        return true;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        // not result.cancel(): it answers true again for a task already cancelled, and Future.cancel must not
        if (!result.completeExceptionally(new CancellationException())) {
            return false;
        }
        stopWork(mayInterruptIfRunning);
        return true;
    }

    private void stopWork(boolean mayInterrupt) {
        boolean neverStarted;
        synchronized (lock) {
            neverStarted = phase == PENDING;
            if (mayInterrupt && runner != null) {
                interruptedByUs = true;
                runner.interrupt();
            }
        }
        if (neverStarted) {
            markStopped();
        }
        onStop(mayInterrupt);
    }

    /**
     * Called once when the task is cancelled or aborted, after the running thread (if any) was interrupted. A
     * model-driven task overrides it to stop its work and then call {@link #markStopped()}; the default marks a
     * model-driven task stopped at once.
     *
     * @param mayInterrupt whether running work should be stopped
     * @since 0.1
     */
    protected void onStop(boolean mayInterrupt) {
        if (job == null) {
            markStopped();
        }
    }

    /**
     * Called before a thread blocks in {@code join} or {@code get} on this unfinished task. The default does
     * nothing; a thread pool runs the task right here when the caller is one of its own threads (so a pool of
     * one thread cannot deadlock), an event loop throws when the caller is its own thread.
     *
     * @since 0.1
     */
    protected void beforeBlockingWait() {
    }

    @Override
    public boolean isCancelled() {
        return result.isCancelled();
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }

    @Override
    public Status status() {
        if (result.isDone()) {
            if (result.isCancelled()) {
                return Status.CANCELLED;
            }
            return result.isCompletedExceptionally() ? Status.FAILED : Status.SUCCEEDED;
        }
        return phase == PENDING ? Status.PENDING : Status.RUNNING;
    }

    @Override
    public R get() throws InterruptedException, ExecutionException {
        if (!result.isDone()) {
            beforeBlockingWait();
        }
        return result.get();
    }

    @Override
    public R get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!result.isDone()) {
            beforeBlockingWait();
        }
        return result.get(timeout, unit);
    }

    @Override
    public R join() {
        try {
            return get();
        } catch (ExecutionException e) {
            throw asFailure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interruptedWhileWaiting(e);
        }
    }

    @Override
    public R join(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        try {
            return get(Timeouts.clampedNanos(timeout), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw asFailure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interruptedWhileWaiting(e);
        } catch (TimeoutException e) {
            throw notDoneWithin(timeout);
        }
    }

    @Override
    public CompletableFuture<R> toCompletableFuture() {
        CompletableFuture<R> view = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                BasicTask.this.cancel(true);
                return super.cancel(mayInterruptIfRunning);
            }
        };
        result.whenComplete((value, failure) -> {
            if (failure == null) {
                view.complete(value);
            } else {
                view.completeExceptionally(failure);
            }
        });
        return view;
    }

    /**
     * Runs {@code action} once the task is done, on the thread that completes it (or at once if it is done).
     *
     * @param action what to run; it should be quick and must not throw
     * @since 0.1
     */
    public void whenDone(Runnable action) {
        Objects.requireNonNull(action, "action");
        result.whenComplete((value, failure) -> action.run());
    }

    /**
     * Waits until the work is no longer running: it finished, or it was stopped after a cancellation.
     *
     * @param timeout how long to wait at most
     * @return {@code true} if the work is no longer running
     * @throws InterruptedException if the calling thread is interrupted
     * @since 0.1
     */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        try {
            stopped.get(Timeouts.clampedNanos(timeout), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new AssertionError("stopped never fails", e);
        }
    }

    /**
     * Tells whether the work was started and is still running; a cancelled task may still be running until
     * its thread notices the interrupt.
     *
     * @return {@code true} while the work runs
     * @since 0.1
     */
    public boolean isRunning() {
        return phase == RUNNING;
    }

    /**
     * Returns {@link System#nanoTime()} when the work started.
     *
     * @return the start time, or 0 if not started
     * @since 0.1
     */
    public long startNanos() {
        return startNanos;
    }

    /**
     * Returns how long the work ran, start to stop.
     *
     * @return the elapsed nanoseconds, or -1 if it has not both started and stopped
     * @since 0.1
     */
    public long elapsedNanos() {
        long start = startNanos;
        long stop = stopNanos;
        return start != 0 && stop != 0 ? stop - start : -1;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + status() + "]";
    }

    /**
     * Converts a task's own exception into what {@code join} throws.
     *
     * @param failure the task's exception
     * @return a {@link TaskFailedException}: {@code failure} itself if it is one, else one whose cause it is
     * @since 0.1
     */
    public static RuntimeException asFailure(Throwable failure) {
        if (failure instanceof TaskFailedException) {
            return (TaskFailedException) failure;
        }
        if (failure instanceof CancellationException) {
            return (CancellationException) failure;
        }
        return new TaskFailedException("task failed: " + failure, failure);
    }

    /**
     * Returns what {@code join(timeout)} throws when the task is not done in time.
     *
     * @param timeout how long the caller waited
     * @return the exception, whose message says that the task goes on running
     * @since 0.1
     */
    public static WaitTimeoutException notDoneWithin(Duration timeout) {
        return new WaitTimeoutException("task not done within " + timeout + " (it goes on running)", timeout);
    }

    /**
     * Returns what {@code join} throws when the waiting thread is interrupted; the caller restores the flag.
     *
     * @param cause the interruption
     * @return a {@link CancellationException} whose cause is {@code cause}
     * @since 0.1
     */
    public static CancellationException interruptedWhileWaiting(InterruptedException cause) {
        CancellationException e = new CancellationException("interrupted while waiting for the task");
        e.initCause(cause);
        return e;
    }
}
