package io.github.execmodels.process.internal;

import java.io.ObjectInputFilter;
import java.util.Arrays;

/**
 * The deserialization filter for everything the other side sends: results, exceptions, initializer failures in
 * the parent; jobs and chunks in a worker. Its rules, in order:
 * <ol>
 * <li>a stream longer than {@code maxBytes}, nested deeper than {@code maxDepth}, with more than
 * {@code maxReferences} references or an array longer than {@code maxArrayLength} is rejected;</li>
 * <li>without an allow-list, the class is left to the JVM-wide filter ({@code jdk.serialFilter}), which
 * {@link #withJvmWide} combines with these limits instead of replacing it;</li>
 * <li>with an allow-list, a class is allowed if it is primitive, one of the library's own classes that cross the
 * channel, in {@code java.lang}, {@code java.util}, {@code java.time} or {@code java.math}, a serialized lambda,
 * or matches a pattern ({@code a.b.C}, {@code a.b.*} for the package, {@code a.b.**} with its sub-packages);
 * every other class is rejected.</li>
 * </ol>
 *
 * <p>Immutable and thread safe; serializable, so that the workers apply the same limits.
 */
public final class ResultFilter implements ObjectInputFilter, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final long maxBytes;
    final long maxDepth;
    final long maxReferences;
    final int maxArrayLength;
    /** Class name patterns: {@code a.b.C}, {@code a.b.*} (the package), {@code a.b.**} (and sub-packages). */
    final String[] allowed;

    public ResultFilter(long maxBytes, long maxDepth, long maxReferences, int maxArrayLength, String[] allowed) {
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
        this.maxReferences = maxReferences;
        this.maxArrayLength = maxArrayLength;
        this.allowed = allowed == null ? null : allowed.clone();
    }

    /**
     * Returns {@code filter} combined with the JVM-wide filter ({@code jdk.serialFilter}) when one is set: a class
     * either rejects is rejected. A stream's own filter replaces the JVM-wide one, so it is merged in here.
     */
    static ObjectInputFilter withJvmWide(ObjectInputFilter filter) {
        ObjectInputFilter jvmWide = ObjectInputFilter.Config.getSerialFilter();
        return jvmWide == null || jvmWide == filter ? filter : ObjectInputFilter.merge(filter, jvmWide);
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

    /** The library's own classes that cross the channel. */
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
