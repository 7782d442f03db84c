package io.github.execmodels.process.internal;

import io.github.execmodels.RemoteTaskException;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.process.Codec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * Carries an exception across the channel: the element index (for a failed element of a map), the class name,
 * message and stack trace as text, and the exception itself encoded with the codec when it can be. The receiving
 * side rebuilds the exception, or a {@link RemoteTaskException} from the text when it cannot.
 *
 * <p>Thread safe: stateless.
 */
public final class Failures {

    private static final int MAX_TRACE_CHARS = 64 * 1024;

    private Failures() {
    }

    public static byte[] encode(Throwable failure, Codec codec) {
        long index = TaskFailedException.NO_INDEX;
        Throwable cause = failure;
        if (failure instanceof TaskFailedException && failure.getClass() == TaskFailedException.class
                && failure.getCause() != null) {
            index = ((TaskFailedException) failure).index();
            cause = failure.getCause();
        }
        byte[] encoded;
        try {
            encoded = codec.encode(cause);
        } catch (IOException | RuntimeException e) {
            encoded = new byte[0];
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(index);
            writeString(out, cause.getClass().getName());
            writeString(out, String.valueOf(cause.getMessage()));
            out.writeBoolean(cause.getMessage() != null);
            writeString(out, traceText(cause));
            out.writeInt(encoded.length);
            out.write(encoded);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError("in-memory stream", e);
        }
    }

    /** Rebuilds what {@link #encode} wrote: a {@link TaskFailedException} for an element, else the exception. */
    public static Throwable decode(byte[] payload, Codec codec) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
            long index = in.readLong();
            String className = readString(in);
            String message = readString(in);
            boolean hasMessage = in.readBoolean();
            String trace = readString(in);
            byte[] encoded = new byte[checkedLength(in)];
            in.readFully(encoded);
            Throwable cause = null;
            if (encoded.length > 0) {
                try {
                    Object decoded = codec.decode(encoded);
                    if (decoded instanceof Throwable) {
                        cause = (Throwable) decoded;
                    }
                } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
                    cause = null; // rebuilt from the text below
                }
            }
            if (cause == null) {
                cause = new RemoteTaskException(className, hasMessage ? message : null, trace);
            }
            return index == TaskFailedException.NO_INDEX ? cause : TaskFailedException.atIndex(index, cause);
        } catch (IOException e) {
            return new RemoteTaskException("unknown", "unreadable failure from the worker: " + e, "");
        }
    }

    public static String traceText(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        String s = text.toString();
        return s.length() > MAX_TRACE_CHARS ? s.substring(0, MAX_TRACE_CHARS) + "..." : s;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** Reads a length, checked against the bytes really left: a lying worker cannot make the parent allocate. */
    private static int checkedLength(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("a length of " + n + " with " + in.available() + " bytes left");
        }
        return n;
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[checkedLength(in)];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
