package io.github.execmodels.process.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * The wire format between parent and worker: a frame is a header (magic byte, type byte, payload length as an
 * int, task id as a long) followed by the payload.
 *
 * <p>Not thread safe: a stream has one reader, and writers hold the stream's lock.
 */
public final class Frames {

    public static final int MAGIC = 0xE7;
    public static final int HEADER_BYTES = 14;

    // parent to worker
    public static final byte INIT = 1;
    public static final byte TASK = 2;
    public static final byte CANCEL = 3;
    public static final byte SHUTDOWN = 4;

    // worker to parent
    public static final byte READY = 10;
    public static final byte INIT_FAILED = 11;
    public static final byte PARTIAL = 12;
    public static final byte RESULT = 13;
    public static final byte ERROR = 14;
    public static final byte CANCELLED = 15;

    private static final byte[] EMPTY = new byte[0];
    /** The first allocation for a large payload, which then doubles as its bytes arrive. */
    private static final int GROWTH_STEP = 1 << 20;

    private Frames() {
    }

    /** A frame read from a stream. */
    public static final class Frame {
        public final byte type;
        public final long id;
        /** The payload: its first {@link #length} bytes, the whole array unless it was read into a reused buffer. */
        public final byte[] payload;
        public final int length;

        Frame(byte type, long id, byte[] payload, int length) {
            this.type = type;
            this.id = id;
            this.payload = payload;
            this.length = length;
        }
    }

    /**
     * A buffer that {@link #read(DataInputStream, long, byte, byte, ReadBuffer)} reuses for the payloads of result
     * frames, whose values are decoded (copied out) before the next frame is read. Not thread safe: one per reader.
     */
    public static final class ReadBuffer {
        private static final int MAX_KEPT = 8 << 20;
        private byte[] bytes = new byte[1 << 16];

        /** Returns the buffer, grown to {@code length} bytes if that is no more than {@link #capacity()}. */
        byte[] take(int length) {
            if (length > bytes.length) {
                bytes = new byte[Math.min(MAX_KEPT, Math.max(length, 2 * bytes.length))];
            }
            return bytes;
        }

        /** The largest payload read into this buffer: larger ones get an array of their own. */
        int capacity() {
            return MAX_KEPT;
        }
    }

    /** The peer broke the protocol: garbage, an unknown type or an oversized frame. */
    public static final class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }
    }

    public static void write(DataOutputStream out, byte type, long id, byte[] payload) throws IOException {
        byte[] body = payload == null ? EMPTY : payload;
        out.writeByte(MAGIC);
        out.writeByte(type);
        out.writeInt(body.length);
        out.writeLong(id);
        out.write(body);
    }

    /** Writes a frame's header into the first {@link #HEADER_BYTES} bytes of {@code b}. */
    public static void header(byte[] b, byte type, int length, long id) {
        java.nio.ByteBuffer.wrap(b, 0, HEADER_BYTES).put((byte) MAGIC).put(type).putInt(length).putLong(id);
    }

    /**
     * Reads one frame.
     *
     * @return the frame, or {@code null} at a clean end of stream (between frames)
     * @throws ProtocolException if the bytes are not a frame or the frame is larger than {@code maxBytes}
     */
    public static Frame read(DataInputStream in, long maxBytes, byte minType, byte maxType) throws IOException {
        return read(in, maxBytes, minType, maxType, null);
    }

    /**
     * Reads one frame; the payload of a {@code PARTIAL} or {@code RESULT} frame goes into {@code reuse} when given,
     * so it is valid only until the next read.
     */
    public static Frame read(DataInputStream in, long maxBytes, byte minType, byte maxType, ReadBuffer reuse)
            throws IOException {
        int magic = in.read();
        if (magic < 0) {
            return null;
        }
        if (magic != MAGIC) {
            throw new ProtocolException("garbage on the protocol channel: byte 0x" + Integer.toHexString(magic)
                    + describe(magic) + " where a frame should start");
        }
        byte type = in.readByte();
        if (type < minType || type > maxType) {
            throw new ProtocolException("garbage on the protocol channel: unknown frame type " + type);
        }
        int length = in.readInt();
        long id = in.readLong();
        if (length < 0 || length > maxBytes) {
            throw new ProtocolException("frame of " + (length & 0xFFFFFFFFL) + " bytes exceeds the limit of "
                    + maxBytes + " bytes");
        }
        byte[] payload;
        try {
            if (length == 0) {
                payload = EMPTY;
            } else if (reuse != null && (type == PARTIAL || type == RESULT) && length <= reuse.capacity()) {
                payload = reuse.take(length);
                in.readFully(payload, 0, length);
            } else {
                payload = readGrowing(in, length);
            }
        } catch (EOFException e) {
            throw new EOFException("stream ended inside a frame of " + length + " bytes");
        }
        return new Frame(type, id, payload, length);
    }

    /**
     * Reads {@code length} bytes into an array that grows as they arrive, so that a header claiming more than the
     * peer sends costs no more memory than what it did send.
     */
    private static byte[] readGrowing(DataInputStream in, int length) throws IOException {
        byte[] b = new byte[Math.min(length, GROWTH_STEP)];
        int read = 0;
        while (true) {
            in.readFully(b, read, b.length - read);
            read = b.length;
            if (read == length) {
                return b;
            }
            b = java.util.Arrays.copyOf(b, (int) Math.min(length, 2L * read));
        }
    }

    private static String describe(int b) {
        return b >= 32 && b < 127 ? " ('" + (char) b + "')" : "";
    }
}
