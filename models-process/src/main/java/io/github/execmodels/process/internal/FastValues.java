package io.github.execmodels.process.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The encoding behind {@link io.github.execmodels.process.JavaSerializationCodec}: a tag byte, then either a fast
 * binary form for the common shapes (null, boxed primitives, strings, primitive arrays, {@link ArrayList}s of
 * them) or Java serialization, in which {@link ArrayList}s of boxed numbers or strings travel as
 * {@link PackedList}s.
 *
 * <p>Thread safe: stateless.
 */
public final class FastValues {

    private static final byte NULL = 0;
    private static final byte JAVA = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte STRING = 5;
    private static final byte TRUE = 6;
    private static final byte FALSE = 7;
    private static final byte BYTES = 8;
    private static final byte INTS = 9;
    private static final byte LONGS = 10;
    private static final byte DOUBLES = 11;
    private static final byte LIST_INT = 12;
    private static final byte LIST_LONG = 13;
    private static final byte LIST_DOUBLE = 14;
    private static final byte LIST_STRING = 15;
    private static final byte LIST_ANY = 16;
    private static final byte LIST_BOOLEAN = 17;

    private static final int MAX_FAST_DEPTH = 8;

    private FastValues() {
    }

    /** Encodes {@code value}; {@code filter} is not used here (it guards decoding). */
    public static byte[] encode(Object value) throws IOException {
        if (isFast(value, 0)) {
            Buf buf = new Buf(estimate(value));
            writeFast(buf, value);
            return buf.toArray();
        }
        Buf buf = new Buf(256);
        buf.put(JAVA);
        javaSerialize(value, buf);
        return buf.toArray();
    }

    public static Object decode(byte[] bytes, ObjectInputFilter filter, ClassLoader loader)
            throws IOException, ClassNotFoundException {
        if (bytes.length == 0) {
            throw new StreamCorruptedException("empty value");
        }
        if (bytes[0] == JAVA) {
            return javaDeserialize(new ByteArrayInputStream(bytes, 1, bytes.length - 1), filter, loader);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Object value = readFast(in, filter);
        if (in.hasRemaining()) {
            throw new StreamCorruptedException(in.remaining() + " bytes left after the value");
        }
        return value;
    }

    // ---- the fast form

    private static boolean isFast(Object value, int depth) {
        if (value == null || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof String || value instanceof Boolean || value instanceof byte[]
                || value instanceof int[] || value instanceof long[] || value instanceof double[]) {
            return true;
        }
        if (value.getClass() == ArrayList.class && depth < MAX_FAST_DEPTH) {
            ArrayList<?> list = (ArrayList<?>) value;
            Class<?> scalar = homogeneousScalar(list);
            if (scalar != null) {
                return true;
            }
            for (Object e : list) {
                if (!isFast(e, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Returns the one class of every element if it is Integer, Long, Double or String (no nulls), else null. */
    private static Class<?> homogeneousScalar(ArrayList<?> list) {
        if (list.isEmpty()) {
            return null;
        }
        Object first = list.get(0);
        if (first == null) {
            return null;
        }
        Class<?> type = first.getClass();
        if (type != Integer.class && type != Long.class && type != Double.class && type != String.class
                && type != Boolean.class) {
            return null;
        }
        for (int i = 1, n = list.size(); i < n; i++) {
            Object e = list.get(i);
            if (e == null || e.getClass() != type) {
                return null;
            }
        }
        return type;
    }

    private static int estimate(Object value) {
        if (value instanceof byte[]) {
            return ((byte[]) value).length + 8;
        }
        if (value instanceof ArrayList) {
            return Math.min(1 << 26, ((ArrayList<?>) value).size() * 9 + 16);
        }
        return 64;
    }

    private static void writeFast(Buf out, Object value) {
        if (value == null) {
            out.put(NULL);
        } else if (value instanceof Integer) {
            out.put(INT).putInt((Integer) value);
        } else if (value instanceof Long) {
            out.put(LONG).putLong((Long) value);
        } else if (value instanceof Double) {
            out.put(DOUBLE).putLong(Double.doubleToRawLongBits((Double) value));
        } else if (value instanceof String) {
            out.put(STRING);
            writeString(out, (String) value);
        } else if (value instanceof Boolean) {
            out.put((Boolean) value ? TRUE : FALSE);
        } else if (value instanceof byte[]) {
            byte[] a = (byte[]) value;
            out.put(BYTES).putInt(a.length).put(a);
        } else if (value instanceof int[]) {
            int[] a = (int[]) value;
            out.put(INTS).putInt(a.length);
            out.putInts(a, a.length);
        } else if (value instanceof long[]) {
            long[] a = (long[]) value;
            out.put(LONGS).putInt(a.length);
            for (long v : a) {
                out.putLong(v);
            }
        } else if (value instanceof double[]) {
            double[] a = (double[]) value;
            out.put(DOUBLES).putInt(a.length);
            for (double v : a) {
                out.putLong(Double.doubleToRawLongBits(v));
            }
        } else {
            writeList(out, (ArrayList<?>) value);
        }
    }

    private static void writeList(Buf out, ArrayList<?> list) {
        int n = list.size();
        Class<?> type = homogeneousScalar(list);
        if (type == Integer.class) {
            out.put(LIST_INT).putInt(n);
            out.ensure(4L * n);
            for (int i = 0; i < n; i++) {
                out.putIntUnchecked((Integer) list.get(i));
            }
        } else if (type == Long.class) {
            out.put(LIST_LONG).putInt(n);
            out.ensure(8L * n);
            for (int i = 0; i < n; i++) {
                out.putLongUnchecked((Long) list.get(i));
            }
        } else if (type == Double.class) {
            out.put(LIST_DOUBLE).putInt(n);
            out.ensure(8L * n);
            for (int i = 0; i < n; i++) {
                out.putLongUnchecked(Double.doubleToRawLongBits((Double) list.get(i)));
            }
        } else if (type == Boolean.class) {
            out.put(LIST_BOOLEAN).putInt(n);
            out.ensure(n);
            for (int i = 0; i < n; i++) {
                out.putUnchecked((Boolean) list.get(i) ? (byte) 1 : (byte) 0);
            }
        } else if (type == String.class) {
            out.put(LIST_STRING).putInt(n);
            for (int i = 0; i < n; i++) {
                writeString(out, (String) list.get(i));
            }
        } else {
            out.put(LIST_ANY).putInt(n);
            for (int i = 0; i < n; i++) {
                writeFast(out, list.get(i));
            }
        }
    }

    private static void writeString(Buf out, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.putInt(utf8.length).put(utf8);
    }

    private static Object readFast(ByteBuffer in, ObjectInputFilter filter) throws IOException {
        byte tag = in.get();
        switch (tag) {
            case NULL:
                return null;
            case INT:
                return in.getInt();
            case LONG:
                return in.getLong();
            case DOUBLE:
                return Double.longBitsToDouble(in.getLong());
            case STRING:
                return readString(in);
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case BYTES: {
                byte[] a = new byte[length(in, 1, filter)];
                in.get(a);
                return a;
            }
            case INTS: {
                int[] a = new int[length(in, 4, filter)];
                in.asIntBuffer().get(a);
                in.position(in.position() + 4 * a.length);
                return a;
            }
            case LONGS: {
                long[] a = new long[length(in, 8, filter)];
                in.asLongBuffer().get(a);
                in.position(in.position() + 8 * a.length);
                return a;
            }
            case DOUBLES: {
                double[] a = new double[length(in, 8, filter)];
                in.asDoubleBuffer().get(a);
                in.position(in.position() + 8 * a.length);
                return a;
            }
            case LIST_INT: {
                int n = length(in, 4, filter);
                ArrayList<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(in.getInt());
                }
                return list;
            }
            case LIST_LONG: {
                int n = length(in, 8, filter);
                ArrayList<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(in.getLong());
                }
                return list;
            }
            case LIST_DOUBLE: {
                int n = length(in, 8, filter);
                ArrayList<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(Double.longBitsToDouble(in.getLong()));
                }
                return list;
            }
            case LIST_BOOLEAN: {
                int n = length(in, 1, filter);
                ArrayList<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(in.get() != 0 ? Boolean.TRUE : Boolean.FALSE);
                }
                return list;
            }
            case LIST_STRING: {
                int n = length(in, 4, filter);
                ArrayList<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(readString(in));
                }
                return list;
            }
            case LIST_ANY: {
                int n = length(in, 1, filter);
                ArrayList<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(readFast(in, filter));
                }
                return list;
            }
            default:
                throw new StreamCorruptedException("unknown value tag " + tag);
        }
    }

    /** Reads a length and checks it against what is left and against the filter's array limit. */
    private static int length(ByteBuffer in, int minBytesEach, ObjectInputFilter filter) throws IOException {
        int n = in.getInt();
        if (n < 0 || (long) n * minBytesEach > in.remaining()) {
            throw new StreamCorruptedException("bad length " + n + " with " + in.remaining() + " bytes left");
        }
        if (filter instanceof LimitsFilter && n > ((LimitsFilter) filter).maxArrayLength) {
            throw new java.io.InvalidClassException("array or list of " + n + " elements exceeds the codec's "
                    + "maxArrayLength of " + ((LimitsFilter) filter).maxArrayLength);
        }
        return n;
    }

    private static String readString(ByteBuffer in) throws IOException {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new StreamCorruptedException("bad string length " + n);
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }

    // ---- Java serialization

    /** Writes {@code value} with Java serialization, packing lists of boxed numbers and strings. */
    static void javaSerialize(Object value, OutputStream out) throws IOException {
        try (ObjectOutputStream oos = new PackingObjectOutputStream(out)) {
            oos.writeObject(value);
        }
    }

    private static Object javaDeserialize(InputStream in, ObjectInputFilter filter, ClassLoader loader)
            throws IOException, ClassNotFoundException {
        try (ObjectInputStream ois = new LoaderObjectInputStream(in, loader)) {
            if (filter != null) {
                ois.setObjectInputFilter(filter);
            }
            return ois.readObject();
        }
    }

    private static final class PackingObjectOutputStream extends ObjectOutputStream {
        PackingObjectOutputStream(OutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            if (PackedList.packable(obj)) {
                PackedList packed = PackedList.packOrNull((java.util.List<?>) obj);
                if (packed != null) {
                    return packed;
                }
            }
            return obj;
        }
    }

    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall back to the default lookup (primitive types, the caller's loader)
                }
            }
            return super.resolveClass(desc);
        }
    }

    /** An {@link ObjectInputFilter} with limits, optionally an allow-list. Serializable so workers get it. */
    public static final class LimitsFilter implements ObjectInputFilter, java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final long maxBytes;
        final long maxDepth;
        final long maxReferences;
        final int maxArrayLength;
        /** Class name patterns: {@code a.b.C}, {@code a.b.*} (the package), {@code a.b.**} (and sub-packages). */
        final String[] allowed;

        public LimitsFilter(long maxBytes, long maxDepth, long maxReferences, int maxArrayLength, String[] allowed) {
            this.maxBytes = maxBytes;
            this.maxDepth = maxDepth;
            this.maxReferences = maxReferences;
            this.maxArrayLength = maxArrayLength;
            this.allowed = allowed == null ? null : allowed.clone();
        }

        @Override
        public Status checkInput(FilterInfo info) {
            if (info.streamBytes() > maxBytes || info.depth() > maxDepth || info.references() > maxReferences
                    || info.arrayLength() > maxArrayLength) {
                return Status.REJECTED;
            }
            Class<?> type = info.serialClass();
            if (type == null || allowed == null) {
                return Status.UNDECIDED;
            }
            while (type.isArray()) {
                type = type.getComponentType();
            }
            if (type.isPrimitive() || isAlwaysAllowed(type.getName())) {
                return Status.ALLOWED;
            }
            for (String pattern : allowed) {
                if (matches(pattern, type.getName())) {
                    return Status.ALLOWED;
                }
            }
            return Status.REJECTED;
        }

        /** The library's own classes that cross the pipe. */
        private static final java.util.Set<String> LIBRARY = java.util.Set.of("io.github.execmodels.Outcome",
                "io.github.execmodels.TaskFailedException", "io.github.execmodels.WorkerCrashedException",
                "io.github.execmodels.TaskTimeoutException", "io.github.execmodels.RemoteException",
                "io.github.execmodels.ModelClosedException", "io.github.execmodels.spi.Chunk",
                "io.github.execmodels.process.internal.PackedList");

        private static boolean isAlwaysAllowed(String name) {
            return LIBRARY.contains(name) || matches("java.lang.*", name)
                    || name.equals("java.lang.invoke.SerializedLambda") || matches("java.util.*", name)
                    || matches("java.time.*", name) || matches("java.math.*", name);
        }

        static boolean matches(String pattern, String name) {
            if (pattern.endsWith(".**")) {
                return name.startsWith(pattern.substring(0, pattern.length() - 2));
            }
            if (pattern.endsWith(".*")) {
                String pkg = pattern.substring(0, pattern.length() - 1);
                return name.startsWith(pkg) && name.indexOf('.', pkg.length()) < 0;
            }
            return pattern.equals(name);
        }

        @Override
        public String toString() {
            return "maxBytes=" + maxBytes + ", maxDepth=" + maxDepth + ", maxReferences=" + maxReferences
                    + ", maxArrayLength=" + maxArrayLength
                    + (allowed == null ? "" : ", allowed=" + Arrays.toString(allowed));
        }
    }

    /** A growable byte buffer, big-endian. */
    static final class Buf extends OutputStream {
        private byte[] bytes;
        private int size;

        Buf(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
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
}
