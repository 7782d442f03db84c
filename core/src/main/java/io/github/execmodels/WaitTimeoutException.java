package io.github.execmodels;

import java.time.Duration;

/**
 * Unchecked exception thrown when a caller gave up waiting for a task ({@link Task#join(Duration)}): the task
 * itself did not fail and goes on running.
 *
 * <p>This is the unchecked twin of {@link java.util.concurrent.TimeoutException}, and like it stands apart from
 * task failures: it is not a {@link TaskFailedException}, so {@code catch (TaskFailedException e)} never mistakes
 * an impatient caller for a failed task. A task stopped for exceeding its own time limit fails with
 * {@link TaskTimeoutException} instead.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public class WaitTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How long the caller waited. */
    private final Duration waited;

    /**
     * Creates the exception.
     *
     * @param message what was waited for, in words
     * @param waited how long the caller was willing to wait
     * @since 0.1
     */
    public WaitTimeoutException(String message, Duration waited) {
        super(message);
        this.waited = waited;
    }

    /**
     * Returns how long the caller was willing to wait.
     *
     * @return the wait's limit
     * @since 0.1
     */
    public Duration waited() {
        return waited;
    }
}
