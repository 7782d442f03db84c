package io.github.execmodels;

import static io.github.execmodels.internal.Checks.requirePositive;
import static io.github.execmodels.internal.Checks.requireUnset;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a {@code map} (or {@code imap}) runs: chunk size, in-flight window, timeouts and a progress listener.
 *
 * <pre>{@code
 * MapOptions options = MapOptions.builder().chunkSize(100).timeout(Duration.ofMinutes(1)).build();
 * List<R> out = model.map(fn, data, options);
 * }</pre>
 *
 * <p>Instances are immutable and thread safe; {@link #defaults()} leaves every choice to the model.
 *
 * @since 0.1
 */
public final class MapOptions {

    private static final MapOptions DEFAULTS = new Builder().build();

    private final int chunkSize;
    private final int window;
    private final Duration timeout;
    private final Duration taskTimeout;
    private final ProgressListener progress;

    private MapOptions(Builder builder) {
        this.chunkSize = builder.chunkSize;
        this.window = builder.window;
        this.timeout = builder.timeout;
        this.taskTimeout = builder.taskTimeout;
        this.progress = builder.progress;
    }

    /**
     * Returns the options that leave every choice to the model.
     *
     * @return the default options
     * @since 0.1
     */
    public static MapOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a new builder, every property unset.
     *
     * @return a builder
     * @since 0.1
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of elements sent together as one unit of work.
     *
     * @return the chunk size, or empty for the model's automatic choice (which adapts to the measured time per
     *     element)
     * @since 0.1
     */
    public OptionalInt chunkSize() {
        return chunkSize > 0 ? OptionalInt.of(chunkSize) : OptionalInt.empty();
    }

    /**
     * Returns the most elements {@code imap} reads ahead of the consumer: read from the input but not yet
     * returned by the stream.
     *
     * @return the window, or empty for the model's default
     * @since 0.1
     */
    public OptionalInt window() {
        return window > 0 ? OptionalInt.of(window) : OptionalInt.empty();
    }

    /**
     * Returns the time limit of the whole {@code map}.
     *
     * @return the limit, or empty for none
     * @since 0.1
     */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * Returns the time limit of each element; an element past it is stopped where the model can and fails with
     * {@link TaskTimeoutException}.
     *
     * @return the limit, or empty for none
     * @since 0.1
     */
    public Optional<Duration> taskTimeout() {
        return Optional.ofNullable(taskTimeout);
    }

    /**
     * Returns the listener told of progress.
     *
     * @return the listener, or empty for none
     * @since 0.1
     */
    public Optional<ProgressListener> progress() {
        return Optional.ofNullable(progress);
    }

    @Override
    public String toString() {
        return "MapOptions[chunkSize=" + (chunkSize > 0 ? chunkSize : "auto")
                + ", window=" + (window > 0 ? window : "auto")
                + ", timeout=" + timeout + ", taskTimeout=" + taskTimeout + "]";
    }

    /**
     * Told how many elements of a {@code map} are done.
     *
     * <p>A model calls it on the thread that called {@code map}, so it needs no synchronization of its own; it
     * should return quickly.
     *
     * @since 0.1
     */
    @FunctionalInterface
    public interface ProgressListener {

        /**
         * Called when more elements are done.
         *
         * @param done how many elements are done so far (succeeded or failed)
         * @param total how many elements there are, or -1 when unknown ({@code imap})
         * @since 0.1
         */
        void onProgress(long done, long total);
    }

    /**
     * Builds {@link MapOptions}. Each property may be set once; {@link #build()} may be called many times.
     *
     * <p>Not thread safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        private int chunkSize;
        private int window;
        private Duration timeout;
        private Duration taskTimeout;
        private ProgressListener progress;

        private Builder() {
        }

        /**
         * Sets the number of elements sent together as one unit of work.
         *
         * @param chunkSize the chunk size
         * @return this builder
         * @throws IllegalArgumentException if {@code chunkSize < 1}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder chunkSize(int chunkSize) {
            requireUnset(this.chunkSize == 0, "chunkSize");
            this.chunkSize = requirePositive(chunkSize, "chunkSize");
            return this;
        }

        /**
         * Sets the most elements {@code imap} reads ahead of the consumer.
         *
         * @param window the window
         * @return this builder
         * @throws IllegalArgumentException if {@code window < 1}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder window(int window) {
            requireUnset(this.window == 0, "window");
            this.window = requirePositive(window, "window");
            return this;
        }

        /**
         * Sets the time limit of the whole {@code map}; past it, unfinished work is cancelled and {@code map}
         * throws {@link TaskTimeoutException}.
         *
         * @param timeout the limit
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder timeout(Duration timeout) {
            requireUnset(this.timeout == null, "timeout");
            this.timeout = requirePositive(timeout, "timeout");
            return this;
        }

        /**
         * Sets the time limit of each element.
         *
         * @param taskTimeout the limit
         * @return this builder
         * @throws IllegalArgumentException if {@code taskTimeout} is zero or negative
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder taskTimeout(Duration taskTimeout) {
            requireUnset(this.taskTimeout == null, "taskTimeout");
            this.taskTimeout = requirePositive(taskTimeout, "taskTimeout");
            return this;
        }

        /**
         * Sets the listener told of progress.
         *
         * @param progress the listener
         * @return this builder
         * @throws NullPointerException if {@code progress} is {@code null}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder progress(ProgressListener progress) {
            requireUnset(this.progress == null, "progress");
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Returns options with the properties set so far.
         *
         * @return the options
         * @since 0.1
         */
        public MapOptions build() {
            return new MapOptions(this);
        }
    }
}
