package io.github.execmodels.process.internal;

import io.github.execmodels.Fn;
import io.github.execmodels.spi.Chunk;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.StreamCorruptedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

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
    /** A chunk of a map: its function in Java serialization, its elements in the fast form. */
    private static final byte CHUNK = 18;

    private static final VarHandle INT_AT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_AT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private static final int MAX_FAST_DEPTH = 8;

    private FastValues() {
    }

    /** Encodes {@code value}; {@code filter} is not used here (it guards decoding). */
    public static byte[] encode(Object value) throws IOException {
        if (value instanceof Chunk) {
            byte[] fast = encodeChunk((Chunk) value);
            if (fast != null) {
                return fast;
            }
        }
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

    /**
     * Writes {@code value} as {@link #encode} does, at the end of {@code out}: the worker writes a frame's header and
     * its result into one reused buffer.
     */
    static void encodeInto(Buf out, Object value) throws IOException {
        if (value != null && value.getClass() == ArrayList.class && !((ArrayList<?>) value).isEmpty()) {
            // a chunk's results: one pass that checks and writes, rather than a check of every element first
            ArrayList<?> list = (ArrayList<?>) value;
            Object first = list.get(0);
            Class<?> type = first == null ? null : first.getClass();
            if (type == Integer.class || type == Long.class || type == Double.class || type == Boolean.class
                    || type == String.class) {
                int mark = out.size;
                if (writeElements(out, list, type, list.size())) {
                    return;
                }
                out.size = mark;
            }
        }
        if (isFast(value, 0)) {
            writeFast(out, value);
        } else {
            out.put(JAVA);
            javaSerialize(value, out);
        }
    }

    public static Object decode(byte[] bytes, ObjectInputFilter filter, ClassLoader loader)
            throws IOException, ClassNotFoundException {
        return decode(bytes, 0, bytes.length, filter, loader, false);
    }

    /**
     * Decodes {@code length} bytes from {@code offset}.
     *
     * @param view whether a list of numbers or booleans may come back as a read-only view over {@code bytes}
     *     (which must then not change), boxing each element as it is read: how the parent reads the results of a
     *     chunk, which the map copies out once
     */
    public static Object decode(byte[] bytes, int offset, int length, ObjectInputFilter filter, ClassLoader loader,
            boolean view) throws IOException, ClassNotFoundException {
        if (length <= 0) {
            throw new StreamCorruptedException("empty value");
        }
        if (bytes[offset] == JAVA) {
            return javaDeserialize(new ByteArrayInputStream(bytes, offset + 1, length - 1), filter, loader);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        Object value;
        if (bytes[offset] == CHUNK) {
            in.get();
            value = readChunk(in, filter, loader);
        } else if (view && isPackedList(bytes[offset])) {
            in.get();
            value = readPacked(in, bytes[offset], filter);
        } else {
            value = readFast(in, filter);
        }
        if (in.hasRemaining()) {
            throw new StreamCorruptedException(in.remaining() + " bytes left after the value");
        }
        return value;
    }

    // ---- chunks of a map

    /**
     * Returns the array into which {@code chunk}, a chunk of a fail-fast map, stores its results at their index in
     * the whole input (what {@link Chunk#failFastInto} was given), or {@code null}: the parent's reader threads store
     * the decoded results there, and the task completes with {@link Chunk#STORED}, as a chunk run by a thread does.
     */
    static Object[] resultStore(Chunk chunk) {
        return chunk.isOutcomes() ? null : chunk.resultStore();
    }

    /**
     * Returns the fast form of a chunk whose elements are all {@link Integer}, {@link Long}, {@link Double},
     * {@link Boolean} or all {@link String} (no nulls): the flags and first index, the function in Java
     * serialization, then the elements in one pass, unboxed, without the copies Java serialization makes; or
     * {@code null} for any other chunk.
     */
    static byte[] encodeChunk(Chunk chunk) throws IOException {
        Object fn = chunk.function();
        List<?> elements = chunk.elements();
        int n = elements.size();
        if (n == 0 || !(elements instanceof RandomAccess)) {
            return null;
        }
        Object first = elements.get(0);
        Class<?> type = first == null ? null : first.getClass();
        int each = type == Integer.class ? 4 : type == Long.class || type == Double.class ? 8
                : type == Boolean.class ? 1 : type == String.class ? 0 : -1;
        if (each < 0) {
            return null;
        }
        Buf function = new Buf(512);
        javaSerialize(fn, function);
        long fixed = 1 + 1 + 8 + 4 + (long) function.size + 1 + 4 + (long) each * n;
        Buf out = new Buf((int) Math.min(Integer.MAX_VALUE - 16, each == 0 ? fixed + 8L * n : fixed));
        out.put(CHUNK).put(chunk.isOutcomes() ? (byte) 1 : (byte) 0).putLong(chunk.firstIndex());
        out.putInt(function.size).write(function.bytes, 0, function.size);
        if (!writeElements(out, elements, type, n)) {
            return null;
        }
        return out.toArray();
    }

    /** Writes a list of one scalar class in one pass; {@code false} if an element is null or of another class. */
    private static boolean writeElements(Buf out, List<?> list, Class<?> type, int n) {
        if (type == Integer.class) {
            out.put(LIST_INT).putInt(n);
            out.ensure(4L * n);
            byte[] b = out.bytes;
            int at = out.size;
            for (int i = 0; i < n; i++, at += 4) {
                Object e = list.get(i);
                if (e == null || e.getClass() != Integer.class) {
                    return false;
                }
                INT_AT.set(b, at, ((Integer) e).intValue());
            }
            out.size = at;
        } else if (type == Long.class || type == Double.class) {
            out.put(type == Long.class ? LIST_LONG : LIST_DOUBLE).putInt(n);
            out.ensure(8L * n);
            byte[] b = out.bytes;
            int at = out.size;
            for (int i = 0; i < n; i++, at += 8) {
                Object e = list.get(i);
                if (e == null || e.getClass() != type) {
                    return false;
                }
                LONG_AT.set(b, at, type == Long.class ? ((Long) e).longValue()
                        : Double.doubleToRawLongBits(((Double) e).doubleValue()));
            }
            out.size = at;
        } else if (type == Boolean.class) {
            out.put(LIST_BOOLEAN).putInt(n);
            out.ensure(n);
            for (int i = 0; i < n; i++) {
                Object e = list.get(i);
                if (e == null || e.getClass() != Boolean.class) {
                    return false;
                }
                out.putUnchecked((Boolean) e ? (byte) 1 : (byte) 0);
            }
        } else {
            out.put(LIST_STRING).putInt(n);
            for (int i = 0; i < n; i++) {
                Object e = list.get(i);
                if (e == null || e.getClass() != String.class) {
                    return false;
                }
                writeString(out, (String) e);
            }
        }
        return true;
    }

    private static Chunk readChunk(ByteBuffer in, ObjectInputFilter filter, ClassLoader loader)
            throws IOException, ClassNotFoundException {
        boolean outcomes = (in.get() & 1) != 0;
        long firstIndex = in.getLong();
        int fnLength = in.getInt();
        if (fnLength < 0 || fnLength > in.remaining()) {
            throw new StreamCorruptedException("bad function length " + fnLength);
        }
        Object fn = javaDeserialize(new ByteArrayInputStream(in.array(), in.arrayOffset() + in.position(), fnLength),
                filter, loader);
        in.position(in.position() + fnLength);
        if (!(fn instanceof Fn)) {
            throw new StreamCorruptedException("a chunk whose function is a " + (fn == null ? null : fn.getClass()));
        }
        byte tag = in.get();
        List<?> elements;
        if (isPackedList(tag)) {
            elements = readPacked(in, tag, filter);
        } else if (tag == LIST_STRING) {
            int n = length(in, 4, filter);
            Object[] a = new Object[n];
            for (int i = 0; i < n; i++) {
                a[i] = readString(in);
            }
            elements = Arrays.asList(a);
        } else {
            throw new StreamCorruptedException("unknown elements tag " + tag);
        }
        return outcomes ? Chunk.outcomes((Fn<?, ?>) fn, elements, firstIndex)
                : Chunk.failFast((Fn<?, ?>) fn, elements, firstIndex);
    }

    private static boolean isPackedList(byte tag) {
        return tag == LIST_INT || tag == LIST_LONG || tag == LIST_DOUBLE || tag == LIST_BOOLEAN;
    }

    /** Reads the length of a packed list and returns a view over its bytes, leaving the buffer after them. */
    private static PackedView readPacked(ByteBuffer in, byte tag, ObjectInputFilter filter) throws IOException {
        int each = tag == LIST_INT ? 4 : tag == LIST_BOOLEAN ? 1 : 8;
        int n = length(in, each, filter);
        int at = in.arrayOffset() + in.position();
        in.position(in.position() + each * n);
        return new PackedView(in.array(), at, n, tag);
    }

    /**
     * Copies {@code n} elements of {@code list} from {@code from} into {@code dest} at {@code at}, boxing the
     * elements of a packed view in one loop.
     */
    static void copyInto(List<?> list, int from, int n, Object[] dest, int at) {
        if (!(list instanceof PackedView)) {
            for (int i = 0; i < n; i++) {
                dest[at + i] = list.get(from + i);
            }
            return;
        }
        PackedView v = (PackedView) list;
        java.util.Objects.checkFromIndexSize(from, n, v.size);
        byte[] b = v.bytes;
        int off = v.offset;
        switch (v.tag) {
            case LIST_INT:
                for (int i = 0; i < n; i++) {
                    dest[at + i] = (int) INT_AT.get(b, off + 4 * (from + i));
                }
                break;
            case LIST_LONG:
                for (int i = 0; i < n; i++) {
                    dest[at + i] = (long) LONG_AT.get(b, off + 8 * (from + i));
                }
                break;
            case LIST_DOUBLE:
                for (int i = 0; i < n; i++) {
                    dest[at + i] = Double.longBitsToDouble((long) LONG_AT.get(b, off + 8 * (from + i)));
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    dest[at + i] = b[off + from + i] != 0 ? Boolean.TRUE : Boolean.FALSE;
                }
                break;
        }
    }

    /**
     * A read-only list over packed numbers or booleans in a byte array, which boxes an element each time it is
     * read: a chunk's elements in the worker, a chunk's results in the parent, without a boxed copy of them all.
     */
    static final class PackedView extends AbstractList<Object> implements RandomAccess {
        private final byte[] bytes;
        private final int offset;
        private final int size;
        private final byte tag;

        PackedView(byte[] bytes, int offset, int size, byte tag) {
            this.bytes = bytes;
            this.offset = offset;
            this.size = size;
            this.tag = tag;
        }

        @Override
        public Object get(int index) {
            java.util.Objects.checkIndex(index, size);
            switch (tag) {
                case LIST_INT:
                    return (int) INT_AT.get(bytes, offset + 4 * index);
                case LIST_LONG:
                    return (long) LONG_AT.get(bytes, offset + 8 * index);
                case LIST_DOUBLE:
                    return Double.longBitsToDouble((long) LONG_AT.get(bytes, offset + 8 * index));
                default:
                    return bytes[offset + index] != 0 ? Boolean.TRUE : Boolean.FALSE;
            }
        }

        @Override
        public int size() {
            return size;
        }
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
        Object first = n == 0 ? null : list.get(0);
        Class<?> type = first == null ? null : first.getClass();
        if (type == Integer.class || type == Long.class || type == Double.class || type == Boolean.class
                || type == String.class) {
            int mark = out.size;
            if (writeElements(out, list, type, n)) {
                return;
            }
            out.size = mark;
        }
        out.put(LIST_ANY).putInt(n);
        for (int i = 0; i < n; i++) {
            writeFast(out, list.get(i));
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
                "io.github.execmodels.TaskTimeoutException", "io.github.execmodels.RemoteTaskException",
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
}
