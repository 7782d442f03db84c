package io.github.execmodels;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The handle of work given to {@link ExecutionModel#submit(Job)}: a {@link Future} that can also be composed
 * (through {@link #toCompletableFuture()}) and joined without checked exceptions.
 *
 * <p>{@link #cancel(boolean) cancel(true)} really stops the work where the model can: it interrupts the thread
 * running it, kills the worker process that runs it, or cancels the coroutine.
 *
 * <p>Departures from {@link Future}: none for {@code get}; {@link #join()} and {@link #join(Duration)} throw
 * {@link TaskFailedException} (whose cause is the job's own exception) instead of {@code ExecutionException},
 * and {@link #join(Duration)} throws {@link WaitTimeoutException} instead of {@code TimeoutException}.
 *
 * <p>Implementations are thread safe.
 *
 * @param <R> the result type
 * @since 0.1
 */
public interface Task<R> extends Future<R> {

    /**
     * Where a task is in its life. Finer than JDK 19's {@code Future.State}: it tells a task that waits for a
     * thread or worker ({@link #PENDING}) from one that runs ({@link #RUNNING}), which {@code Future.State} calls
     * {@code RUNNING} alike; the final states match {@code SUCCESS}, {@code FAILED} and {@code CANCELLED}.
     *
     * @since 0.1
     */
    enum Status {
        /** Accepted, not started. */
        PENDING,
        /** Running now. */
        RUNNING,
        /** Completed with a result. */
        SUCCEEDED,
        /** Completed with an exception. */
        FAILED,
        /** Cancelled before it completed. */
        CANCELLED;

        /**
         * Tells whether this status is final.
         *
         * @return {@code true} for {@link #SUCCEEDED}, {@link #FAILED} and {@link #CANCELLED}
         * @since 0.1
         */
        public boolean isDone() {
            return this != PENDING && this != RUNNING;
        }
    }

    /**
     * Waits for the task and returns its result.
     *
     * @return the result
     * @throws TaskFailedException if the task failed; {@link TaskFailedException#getCause()} is its exception
     *     (a {@link WorkerCrashedException} or {@link TaskTimeoutException} is thrown as itself)
     * @throws CancellationException if the task was cancelled
     * @throws IllegalStateException if waiting here would deadlock (on an event loop's own thread)
     * @since 0.1
     */
    R join();

    /**
     * Waits at most {@code timeout} for the task and returns its result.
     *
     * @param timeout how long to wait; zero or negative means do not wait, a very long one waits without limit
     * @return the result
     * @throws WaitTimeoutException if the task is not done in time; the task is not cancelled and goes on
     * @throws TaskFailedException if the task failed
     * @throws CancellationException if the task was cancelled
     * @throws NullPointerException if {@code timeout} is {@code null}
     * @since 0.1
     */
    R join(Duration timeout);

    /**
     * Returns where the task is in its life. (On JDK 19 and newer, {@code Future.state()} gives the coarser
     * JDK view of the same task, and the two always agree.)
     *
     * @return the status at the time of the call
     * @since 0.1
     */
    Status status();

    /**
     * Returns the result of a task that succeeded, without waiting; behaves exactly as JDK 19's
     * {@code Future.resultNow()}.
     *
     * @return the result
     * @throws IllegalStateException if the task is not done, failed, or was cancelled
     * @since 0.1
     */
    default R resultNow() {
        switch (status()) {
            case SUCCEEDED:
                try {
                    return get(); // done: returns at once
                } catch (ExecutionException | InterruptedException e) {
                    throw new IllegalStateException("Task completed with a result that could not be read", e);
                }
            case FAILED:
                throw new IllegalStateException("Task completed with exception");
            case CANCELLED:
                throw new IllegalStateException("Task was cancelled");
            default:
                throw new IllegalStateException("Task has not completed");
        }
    }

    /**
     * Returns the exception of a task that failed, without waiting; behaves exactly as JDK 19's
     * {@code Future.exceptionNow()}.
     *
     * @return the task's own exception (what {@link #get()} wraps in an {@code ExecutionException})
     * @throws IllegalStateException if the task is not done, succeeded, or was cancelled
     * @since 0.1
     */
    default Throwable exceptionNow() {
        switch (status()) {
            case FAILED:
                try {
                    get(); // done: throws at once
                } catch (ExecutionException e) {
                    return e.getCause();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("Task completed with an exception that could not be read");
            case SUCCEEDED:
                throw new IllegalStateException("Task completed with a result");
            case CANCELLED:
                throw new IllegalStateException("Task was cancelled");
            default:
                throw new IllegalStateException("Task has not completed");
        }
    }

    /**
     * Returns a {@link CompletableFuture} that completes with this task, for composition.
     *
     * <p>It completes with the task's result, or exceptionally with the task's own exception (not wrapped), or is
     * cancelled with it. Cancelling the returned future cancels this task (with interruption); completing it by
     * other means does not affect the task.
     *
     * @return a future that follows this task
     * @since 0.1
     */
    CompletableFuture<R> toCompletableFuture();
}
