package io.github.execmodels.hazelcast.internal;

import io.github.execmodels.RemoteTaskException;
import io.github.execmodels.TaskFailedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;

/**
 * An exception thrown by a job on a member, as it travels back: the element index (for a failed element of a map),
 * the class name, message and stack trace as text, and the exception itself in Java serialization when it can be
 * written. The caller rebuilds the exception when its class is there, else a {@link RemoteTaskException} from the text.
 *
 * <p>Immutable.
 */
final class RemoteFailure implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MAX_TRACE_CHARS = 64 * 1024;

    private final long index;
    private final String className;
    private final String message;
    private final String trace;
    private final byte[] serialized;

    private RemoteFailure(long index, String className, String message, String trace, byte[] serialized) {
        this.index = index;
        this.className = className;
        this.message = message;
        this.trace = trace;
        this.serialized = serialized;
    }

    /** Captures {@code failure}; an element's {@link TaskFailedException} is taken apart into index and cause. */
    static RemoteFailure of(Throwable failure) {
        long index = TaskFailedException.NO_INDEX;
        Throwable cause = failure;
        if (failure.getClass() == TaskFailedException.class && failure.getCause() != null) {
            index = ((TaskFailedException) failure).index();
            cause = failure.getCause();
        }
        return new RemoteFailure(index, cause.getClass().getName(), cause.getMessage(), traceText(cause),
                serialize(cause));
    }

    /** Rebuilds the failure with the caller's classes: a {@link TaskFailedException} for an element. */
    Throwable rebuild(ClassLoader loader) {
        Throwable cause = deserialize(loader);
        if (cause == null) {
            cause = new RemoteTaskException(className, message, trace);
        }
        return index == TaskFailedException.NO_INDEX ? cause : TaskFailedException.atIndex(index, cause);
    }

    private static byte[] serialize(Throwable t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(t);
        } catch (IOException | RuntimeException e) {
            return null; // it travels as text
        }
        return bytes.toByteArray();
    }

    private Throwable deserialize(ClassLoader loader) {
        if (serialized == null) {
            return null;
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(desc);
                }
            }
        }) {
            Object value = in.readObject();
            return value instanceof Throwable ? (Throwable) value : null;
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            return null; // rebuilt from the text
        }
    }

    private static String traceText(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        String s = text.toString();
        return s.length() > MAX_TRACE_CHARS ? s.substring(0, MAX_TRACE_CHARS) + "..." : s;
    }
}
