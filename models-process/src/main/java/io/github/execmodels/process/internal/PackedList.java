package io.github.execmodels.process.internal;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compact serial form of an {@link ArrayList} (or a list made by {@link Arrays#asList}) whose elements are all {@link Integer}, {@link Long},
 * {@link Double} or {@link String}: one primitive (or string) array instead of one object per element. Written in
 * place of such a list by {@link FastValues#javaSerialize}, read back as an {@link ArrayList}.
 *
 * <p>Not thread safe; lives only inside one serialization.
 */
final class PackedList implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The smallest list worth packing. */
    static final int MIN_SIZE = 8;

    /** The class of {@code Arrays.asList(...)}, which is read back as such (fixed size), not as an ArrayList. */
    static final Class<?> ARRAYS_LIST = Arrays.asList().getClass();

    private final Object array;
    private final boolean fixedSize;

    private PackedList(Object array, boolean fixedSize) {
        this.array = array;
        this.fixedSize = fixedSize;
    }

    /** Whether {@link #packOrNull} may pack a list of this class. */
    static boolean packable(Object obj) {
        return obj != null && (obj.getClass() == ArrayList.class || obj.getClass() == ARRAYS_LIST);
    }

    /** Returns the packed form of {@code list}, or {@code null} if it does not have one. */
    static PackedList packOrNull(List<?> list) {
        boolean fixedSize = list.getClass() == ARRAYS_LIST;
        int n = list.size();
        if (n < MIN_SIZE) {
            return null;
        }
        Object first = list.get(0);
        if (first == null) {
            return null;
        }
        Class<?> type = first.getClass();
        if (type != Integer.class && type != Long.class && type != Double.class && type != String.class) {
            return null;
        }
        for (int i = 1; i < n; i++) {
            Object e = list.get(i);
            if (e == null || e.getClass() != type) {
                return null;
            }
        }
        if (type == Integer.class) {
            int[] a = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = (Integer) list.get(i);
            }
            return new PackedList(a, fixedSize);
        }
        if (type == Long.class) {
            long[] a = new long[n];
            for (int i = 0; i < n; i++) {
                a[i] = (Long) list.get(i);
            }
            return new PackedList(a, fixedSize);
        }
        if (type == Double.class) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = (Double) list.get(i);
            }
            return new PackedList(a, fixedSize);
        }
        return new PackedList(list.toArray(new String[0]), fixedSize);
    }

    private Object readResolve() throws ObjectStreamException {
        ArrayList<Object> list = unpack(array);
        return fixedSize ? Arrays.asList(list.toArray()) : list;
    }

    static ArrayList<Object> unpack(Object array) {
        ArrayList<Object> list;
        if (array instanceof int[]) {
            int[] a = (int[]) array;
            list = new ArrayList<>(a.length);
            for (int v : a) {
                list.add(v);
            }
        } else if (array instanceof long[]) {
            long[] a = (long[]) array;
            list = new ArrayList<>(a.length);
            for (long v : a) {
                list.add(v);
            }
        } else if (array instanceof double[]) {
            double[] a = (double[]) array;
            list = new ArrayList<>(a.length);
            for (double v : a) {
                list.add(v);
            }
        } else {
            list = new ArrayList<>(List.of((Object[]) array));
        }
        return list;
    }
}
