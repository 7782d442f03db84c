package io.github.execmodels;

import java.util.List;
import java.util.OptionalInt;

/**
 * Thrown when the worker process that ran a task died before the task completed.
 *
 * <p>Carries what is known of the death: the exit code, the signal that killed the worker where known, and the
 * last lines the worker wrote to its standard error. Only the tasks that worker held fail; the pool replaces it.
 * {@link #getCause()} is {@code null}: the task threw nothing, its process died under it.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public class WorkerCrashedException extends TaskFailedException {

    private static final long serialVersionUID = 1L;

    /** The worker's exit code. */
    private final int exitCode;
    /** The signal that killed the worker, or 0. */
    private final int signal;
    /** The last lines of the worker's standard error. */
    private final List<String> stderrTail;

    /**
     * Creates the exception.
     *
     * @param message what happened, in words
     * @param index the element's position in the input of {@code map}, or {@link #NO_INDEX}
     * @param exitCode the worker's exit code
     * @param signal the signal that killed the worker, or 0 when unknown or none
     * @param stderrTail the last lines of the worker's standard error, oldest first
     * @since 0.1
     */
    public WorkerCrashedException(String message, long index, int exitCode, int signal, List<String> stderrTail) {
        super(message, null, index);
        this.exitCode = exitCode;
        this.signal = signal;
        this.stderrTail = List.copyOf(stderrTail);
    }

    /**
     * Returns the worker's exit code.
     *
     * @return the exit code (128 + n for a worker killed by signal n on POSIX systems)
     * @since 0.1
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * Returns the signal that killed the worker, where known.
     *
     * @return the signal number, or empty
     * @since 0.1
     */
    public OptionalInt signal() {
        return signal > 0 ? OptionalInt.of(signal) : OptionalInt.empty();
    }

    /**
     * Returns the last lines the worker wrote to its standard error before it died.
     *
     * @return an unmodifiable list, oldest line first; empty when it wrote nothing
     * @since 0.1
     */
    public List<String> stderrTail() {
        return stderrTail;
    }

    @Override
    public WorkerCrashedException withIndex(long index) {
        WorkerCrashedException copy = new WorkerCrashedException(getMessage(), index, exitCode, signal, stderrTail);
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
