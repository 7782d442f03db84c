package io.github.execmodels;

import java.time.Duration;

/**
 * Thrown when work was stopped for exceeding its own time limit: the per-task timeout of {@link MapOptions} or of
 * a model's builder (the task was stopped), or the timeout of a whole {@code map} (the work not yet finished was
 * cancelled). {@link #getCause()} is {@code null}: the work threw nothing, it ran out of time.
 *
 * <p>A caller that merely gave up waiting ({@link Task#join(Duration)}) gets a {@link WaitTimeoutException}
 * instead, which is not a task failure.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public class TaskTimeoutException extends TaskFailedException {

    private static final long serialVersionUID = 1L;

    /** The limit that expired. */
    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param message what timed out, in words
     * @param timeout the limit that expired
     * @param index the element's position in the input of {@code map}, or {@link #NO_INDEX}
     * @since 0.1
     */
    public TaskTimeoutException(String message, Duration timeout, long index) {
        super(message, null, index);
        this.timeout = timeout;
    }

    /**
     * Returns the limit that expired.
     *
     * @return the timeout
     * @since 0.1
     */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public TaskTimeoutException withIndex(long index) {
        TaskTimeoutException copy = new TaskTimeoutException(getMessage(), timeout, index);
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
