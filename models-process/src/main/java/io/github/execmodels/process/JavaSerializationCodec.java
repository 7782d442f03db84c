package io.github.execmodels.process;

import static io.github.execmodels.internal.Checks.requirePositive;
import static io.github.execmodels.internal.Checks.requireUnset;

import io.github.execmodels.process.internal.FastValues;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The default {@link Codec}: Java serialization guarded by an {@link ObjectInputFilter}, with a fast path for the
 * common shapes.
 *
 * <p>Values that are {@code null}, boxed {@code int}/{@code long}/{@code double}/{@code boolean}, strings,
 * {@code byte[]}/{@code int[]}/{@code long[]}/{@code double[]}, or {@link ArrayList}s of them, are written in a
 * compact binary form without Java serialization. So are the elements of a chunk of a {@code map} when they are
 * all boxed {@code int}/{@code long}/{@code double}/{@code boolean} or all strings: only the chunk's function goes
 * through Java serialization, and the worker reads the numbers from the bytes as it needs them. Everything else
 * (jobs, functions, other chunks, user types, exceptions) uses Java serialization, in which an {@code ArrayList} of
 * boxed numbers or strings travels as one primitive array.
 *
 * <p>Decoding is limited by the filter: the bytes read, the depth of the object graph, the number of references and
 * the length of arrays. With {@link Builder#allow(String...) an allow-list}, only the listed classes (and the
 * library's own, {@code java.lang.*}, {@code java.util.*}, {@code java.time.*} and {@code java.math.*}) may be
 * deserialized; a rejected class makes decoding fail with {@link java.io.InvalidClassException}. The workers decode
 * what the parent sent them and the parent decodes what the workers return, so the filter guards both directions.
 *
 * <p>Immutable and thread safe.
 *
 * @since 0.1
 */
public final class JavaSerializationCodec implements Codec {

    private static final long serialVersionUID = 1L;

    private static final JavaSerializationCodec DEFAULTS = builder().build();

    /** The filter applied when decoding; part of the serial form, so that the workers apply the same limits. */
    private final FastValues.LimitsFilter filter;

    private JavaSerializationCodec(FastValues.LimitsFilter filter) {
        this.filter = filter;
    }

    /**
     * Returns the codec with the default limits (256 MiB, depth 2,000, 100 million references, arrays of 256
     * million elements) and no allow-list.
     *
     * @return the default codec
     * @since 0.1
     */
    public static JavaSerializationCodec defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a new builder with the default limits.
     *
     * @return a builder
     * @since 0.1
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public byte[] encode(Object value) throws IOException {
        return FastValues.encode(value);
    }

    @Override
    public Object decode(byte[] bytes) throws IOException, ClassNotFoundException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return FastValues.decode(Objects.requireNonNull(bytes, "bytes"), filter, loader);
    }

    /**
     * Returns the filter applied when decoding.
     *
     * @return the filter
     * @since 0.1
     */
    public ObjectInputFilter filter() {
        return filter;
    }

    @Override
    public String toString() {
        return "JavaSerializationCodec[" + filter + "]";
    }

    /**
     * Builds a {@link JavaSerializationCodec}. Each property may be set once; {@link #build()} copies, so a builder
     * may build many codecs.
     *
     * <p>Not thread safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        private long maxBytes = -1;
        private long maxDepth = -1;
        private long maxReferences = -1;
        private int maxArrayLength = -1;
        private List<String> allowed;

        private Builder() {
        }

        /**
         * Sets the most bytes one decoded value may take.
         *
         * @param maxBytes the limit
         * @return this builder
         * @throws IllegalArgumentException if {@code maxBytes < 1}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder maxBytes(long maxBytes) {
            requireUnset(this.maxBytes < 0, "maxBytes");
            this.maxBytes = requirePositive(maxBytes, "maxBytes");
            return this;
        }

        /**
         * Sets the deepest nesting of objects in a decoded value.
         *
         * @param maxDepth the limit
         * @return this builder
         * @throws IllegalArgumentException if {@code maxDepth < 1}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder maxDepth(long maxDepth) {
            requireUnset(this.maxDepth < 0, "maxDepth");
            this.maxDepth = requirePositive(maxDepth, "maxDepth");
            return this;
        }

        /**
         * Sets the most object references in a decoded value.
         *
         * @param maxReferences the limit
         * @return this builder
         * @throws IllegalArgumentException if {@code maxReferences < 1}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder maxReferences(long maxReferences) {
            requireUnset(this.maxReferences < 0, "maxReferences");
            this.maxReferences = requirePositive(maxReferences, "maxReferences");
            return this;
        }

        /**
         * Sets the longest array (or list, in the fast form) in a decoded value.
         *
         * @param maxArrayLength the limit
         * @return this builder
         * @throws IllegalArgumentException if {@code maxArrayLength < 1}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder maxArrayLength(int maxArrayLength) {
            requireUnset(this.maxArrayLength < 0, "maxArrayLength");
            this.maxArrayLength = requirePositive(maxArrayLength, "maxArrayLength");
            return this;
        }

        /**
         * Restricts decoding to the listed classes, besides the library's own and {@code java.lang.*},
         * {@code java.util.*}, {@code java.time.*}, {@code java.math.*}. A pattern is a class name
         * ({@code com.example.Point}), a package ({@code com.example.*}) or a package and its sub-packages
         * ({@code com.example.**}). The classes of the captured values of lambdas count; the class that declares a
         * lambda does not (it is loaded, never deserialized).
         *
         * @param patterns the patterns
         * @return this builder
         * @throws NullPointerException if a pattern is {@code null}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder allow(String... patterns) {
            requireUnset(allowed == null, "allow");
            List<String> list = new ArrayList<>();
            for (String p : patterns) {
                list.add(Objects.requireNonNull(p, "pattern").trim());
            }
            this.allowed = list;
            return this;
        }

        /**
         * Returns a codec with the settings so far.
         *
         * @return the codec
         * @since 0.1
         */
        public JavaSerializationCodec build() {
            return new JavaSerializationCodec(new FastValues.LimitsFilter(
                    maxBytes > 0 ? maxBytes : 256L << 20,
                    maxDepth > 0 ? maxDepth : 2_000,
                    maxReferences > 0 ? maxReferences : 100_000_000L,
                    maxArrayLength > 0 ? maxArrayLength : 256 << 20,
                    allowed == null ? null : allowed.toArray(new String[0])));
        }
    }
}
