package io.github.execmodels.process.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The encoded form of the functions a map sends with every chunk, kept when keeping it cannot change what runs:
 * for lambdas and method references that capture nothing. Such a function has no state, so every instance of its
 * class encodes to the same bytes, and one decoded instance behaves as any other. Java serialization of a lambda
 * (an {@code ObjectOutputStream} with its handle tables, then {@code SerializedLambda}, reflection and
 * {@code $deserializeLambda$} on the other side) was the largest cost of handing a small chunk to a worker.
 *
 * <p>A function that captures anything (or is not a lambda) is encoded and decoded afresh for every chunk, as
 * before: its captured objects may change between maps in the parent, and a worker must not carry one chunk's
 * changes to them into the next.
 *
 * <p>Thread safe: both caches are synchronized and bounded; the parent's is keyed weakly by class.
 */
final class StatelessFunctions {

    private static final int MAX_ENTRIES = 256;

    /** Parent side: the bytes of each stateless lambda class met so far; a class that captures maps to NONE. */
    private static final Map<Class<?>, byte[]> ENCODED = new WeakHashMap<>();
    private static final byte[] NONE = new byte[0];

    /** Worker side: stateless functions decoded so far, by their bytes. */
    private static final Map<Bytes, Object> DECODED = new HashMap<>();

    private StatelessFunctions() {
    }

    /** Returns the Java serialization of {@code fn}, from the cache when {@code fn} is a stateless lambda. */
    static byte[] encode(Object fn) throws IOException {
        Class<?> type = fn.getClass();
        byte[] known;
        synchronized (ENCODED) {
            known = ENCODED.get(type);
        }
        if (known != null && known != NONE) {
            return known;
        }
        Buf out = new Buf(512);
        FastValues.javaSerialize(fn, out);
        byte[] bytes = Arrays.copyOf(out.bytes(), out.size());
        if (known == null) {
            synchronized (ENCODED) {
                if (ENCODED.size() >= MAX_ENTRIES) {
                    ENCODED.clear();
                }
                ENCODED.put(type, capturesNothing(fn) ? bytes : NONE);
            }
        }
        return bytes;
    }

    /**
     * Decodes a function from {@code length} bytes at {@code offset}; a stateless lambda that was decoded from the
     * same bytes before is returned again instead of being decoded anew. The bytes go through {@code filter} the
     * first time, as any other.
     */
    static Object decode(byte[] array, int offset, int length, ObjectInputFilter filter, ClassLoader loader)
            throws IOException, ClassNotFoundException {
        Bytes key = new Bytes(array, offset, length);
        synchronized (DECODED) {
            Object known = DECODED.get(key);
            if (known != null) {
                return known;
            }
        }
        Object fn = FastValues.javaDeserialize(new ByteArrayInputStream(array, offset, length), filter, loader);
        if (fn != null && isStatelessLambda(fn.getClass())) {
            synchronized (DECODED) {
                if (DECODED.size() >= MAX_ENTRIES) {
                    DECODED.clear();
                }
                DECODED.put(key.copy(), fn);
            }
        }
        return fn;
    }

    /** Whether a serializable lambda captures nothing, asked of its own {@code writeReplace}. */
    private static boolean capturesNothing(Object fn) {
        if (!isStatelessLambda(fn.getClass())) {
            return false;
        }
        try {
            Method writeReplace = fn.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            Object replaced = writeReplace.invoke(fn);
            return replaced instanceof SerializedLambda && ((SerializedLambda) replaced).getCapturedArgCount() == 0;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** A lambda's class holds one instance field per captured value: none means no state. */
    private static boolean isStatelessLambda(Class<?> type) {
        if (!type.isSynthetic() || !type.getName().contains("$$Lambda")) {
            return false;
        }
        return Arrays.stream(type.getDeclaredFields()).allMatch(f -> Modifier.isStatic(f.getModifiers()));
    }

    /** A range of bytes compared by content. */
    private static final class Bytes {
        private final byte[] array;
        private final int offset;
        private final int length;
        private final int hash;

        Bytes(byte[] array, int offset, int length) {
            this.array = array;
            this.offset = offset;
            this.length = length;
            int h = 1;
            for (int i = offset; i < offset + length; i++) {
                h = 31 * h + array[i];
            }
            this.hash = h;
        }

        Bytes copy() {
            return new Bytes(Arrays.copyOfRange(array, offset, offset + length), 0, length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes && ((Bytes) o).hash == hash && Arrays.equals(array, offset, offset + length,
                    ((Bytes) o).array, ((Bytes) o).offset, ((Bytes) o).offset + ((Bytes) o).length);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
