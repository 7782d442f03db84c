package io.github.execmodels;

import io.github.execmodels.spi.AbstractExecutionModel;
import io.github.execmodels.spi.BasicTask;

/**
 * The sequential model: runs every job and element on the calling thread, one after another. It is the
 * reference every other model is compared with, and the right choice for small inputs and for debugging.
 *
 * <pre>{@code
 * List<Integer> lengths = Models.sequential().map(String::length, words);
 * }</pre>
 *
 * <p>{@link #submit(Job)} runs the job before it returns (a direct executor), so the returned task is already
 * done and {@code cancel} has no effect. {@code imap} reads and runs one element at a time, as the consumer asks.
 * The timeouts of {@link MapOptions} are not enforced: nothing can stop work running on the caller's own thread.
 * It starts no thread, so {@link #close()} only stops it from taking work.
 *
 * <p>Thread safe: several threads may use one instance; each runs its own work.
 *
 * @since 0.1
 */
public final class SequentialModel extends AbstractExecutionModel {

    private SequentialModel() {
        super("sequential", 1);
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     * @since 0.1
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected <R> BasicTask<R> start(Job<R> job) {
        BasicTask<R> task = new BasicTask<>(job);
        task.run();
        return task;
    }

    @Override
    protected int maxChunksInFlight() {
        return 1;
    }

    @Override
    protected int defaultWindow() {
        return 1;
    }

    @Override
    protected void shutdown() {
        // nothing to release: the work ran on its callers' threads
    }

    /**
     * Builds a {@link SequentialModel}. It has no settings today; it exists so that every model is built the same
     * way.
     *
     * @since 0.1
     */
    public static final class Builder {

        private Builder() {
        }

        /**
         * Returns a new, open model.
         *
         * @return the model
         * @since 0.1
         */
        public SequentialModel build() {
            return new SequentialModel();
        }
    }
}
