package io.github.execmodels;

/**
 * Unchecked exception thrown when a task, or an element of a {@code map}, failed.
 *
 * <p>{@link #getCause()} is the task's own exception: the very object on the in-process models, rebuilt from a
 * worker where it can be, else a {@link RemoteTaskException} that carries the remote class name, message and
 * stack trace text. Two subclasses mean the task threw nothing, and their cause is {@code null}: a
 * {@link WorkerCrashedException} (the process running it died) and a {@link TaskTimeoutException} (it was stopped
 * for exceeding its time limit). For {@code map}, {@link #index()} is the position of the failing element in the
 * input.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public class TaskFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The value of {@link #index()} when the failure does not belong to one element of a {@code map}. */
    public static final long NO_INDEX = -1;

    /** The failing element's position in the input, or {@link #NO_INDEX}. */
    private final long index;

    /**
     * Creates an exception for a failure not tied to an element.
     *
     * @param message the detail message
     * @param cause the task's own exception, possibly {@code null}
     * @since 0.1
     */
    public TaskFailedException(String message, Throwable cause) {
        this(message, cause, NO_INDEX);
    }

    /**
     * Creates an exception for the element at {@code index} of a {@code map}.
     *
     * @param message the detail message
     * @param cause the task's own exception, possibly {@code null}
     * @param index the element's position in the input, or {@link #NO_INDEX}
     * @since 0.1
     */
    public TaskFailedException(String message, Throwable cause, long index) {
        super(message, cause);
        this.index = index;
    }

    /**
     * Creates an exception for the element at {@code index} whose function threw {@code cause}.
     *
     * @param index the element's position in the input
     * @param cause what the function threw
     * @return the exception, with a message naming the index and the cause
     * @since 0.1
     */
    public static TaskFailedException atIndex(long index, Throwable cause) {
        return new TaskFailedException("element " + index + " failed: " + cause, cause, index);
    }

    /**
     * Returns the position of the failing element in the input of {@code map}.
     *
     * @return the index, or {@link #NO_INDEX} for a failure not tied to one element
     * @since 0.1
     */
    public long index() {
        return index;
    }

    /**
     * Returns a copy of this exception that names the element at {@code index}, keeping the type and cause.
     * Models use it when the index is known only after the failure was made (a chunk run by a worker).
     *
     * @param index the element's position in the input
     * @return an exception of the same meaning that carries {@code index}
     * @since 0.1
     */
    public TaskFailedException withIndex(long index) {
        TaskFailedException copy = new TaskFailedException("element " + index + ": " + getMessage(), getCause(), index);
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
