package io.github.execmodels.process.internal;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable byte buffer, big-endian, that values are encoded into.
 *
 * <p>Not thread safe.
 */
final class Buf extends OutputStream {
    byte[] bytes; // read and written in place by FastValues
    int size;

    Buf(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    byte[] bytes() {
        return bytes;
    }

    int capacity() {
        return bytes.length;
    }

    /** Empties the buffer and skips {@code reserved} bytes, to be filled in later with {@link #bytes()}. */
    void reset(int reserved) {
        ensure(reserved - size);
        size = reserved;
    }

    void ensure(long more) {
        long needed = size + more;
        if (needed > bytes.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new OutOfMemoryError("encoded value larger than 2 GB");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, 2L * bytes.length)));
        }
    }

    Buf put(byte b) {
        ensure(1);
        bytes[size++] = b;
        return this;
    }

    Buf put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    void putUnchecked(byte b) {
        bytes[size++] = b;
    }

    Buf putInt(int v) {
        ensure(4);
        putIntUnchecked(v);
        return this;
    }

    void putIntUnchecked(int v) {
        bytes[size] = (byte) (v >>> 24);
        bytes[size + 1] = (byte) (v >>> 16);
        bytes[size + 2] = (byte) (v >>> 8);
        bytes[size + 3] = (byte) v;
        size += 4;
    }

    Buf putLong(long v) {
        ensure(8);
        putLongUnchecked(v);
        return this;
    }

    void putLongUnchecked(long v) {
        putIntUnchecked((int) (v >>> 32));
        putIntUnchecked((int) v);
    }

    void putInts(int[] a, int n) {
        ensure(4L * n);
        ByteBuffer.wrap(bytes, size, 4 * n).asIntBuffer().put(a, 0, n);
        size += 4 * n;
    }

    @Override
    public void write(int b) {
        put((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    byte[] toArray() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }
}
