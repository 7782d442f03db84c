package io.github.execmodels;

/**
 * Stands for an exception thrown in another process that could not be rebuilt in this one (its class is missing
 * here, or it could not be deserialized).
 *
 * <p>Keeps the remote class name, message and the remote stack trace as text; {@link #toString()} reads like the
 * original's.
 *
 * @since 0.1
 */
public class RemoteTaskException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The original exception's class name. */
    private final String remoteClassName;
    /** The original exception's stack trace, as text. */
    private final String remoteStackTrace;

    /**
     * Creates the exception.
     *
     * @param remoteClassName the fully qualified class name of the original exception
     * @param message the original's message, possibly {@code null}
     * @param remoteStackTrace the original's stack trace as printed by {@code printStackTrace}, possibly empty
     * @since 0.1
     */
    public RemoteTaskException(String remoteClassName, String message, String remoteStackTrace) {
        super(message);
        this.remoteClassName = remoteClassName;
        this.remoteStackTrace = remoteStackTrace == null ? "" : remoteStackTrace;
    }

    /**
     * Returns the class name of the original exception.
     *
     * @return the fully qualified class name
     * @since 0.1
     */
    public String remoteClassName() {
        return remoteClassName;
    }

    /**
     * Returns the original's stack trace as text.
     *
     * @return the stack trace, possibly empty
     * @since 0.1
     */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }

    @Override
    public String toString() {
        String message = getMessage();
        return "remote " + remoteClassName + (message == null ? "" : ": " + message);
    }
}
