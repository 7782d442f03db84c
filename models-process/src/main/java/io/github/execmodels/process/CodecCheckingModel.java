package io.github.execmodels.process;

import static io.github.execmodels.internal.Checks.requireUnset;

import io.github.execmodels.Job;
import io.github.execmodels.process.internal.Failures;
import io.github.execmodels.spi.AbstractExecutionModel;
import io.github.execmodels.spi.BasicTask;
import io.github.execmodels.spi.Chunk;
import io.github.execmodels.spi.Serializability;
import java.io.IOException;
import java.util.Objects;

/**
 * A sequential model that sends everything through a {@link Codec} as {@link ProcessPoolModel} would, without
 * starting a process: each job (or chunk of a map, with its function and elements) is encoded, decoded and run on
 * the calling thread, and its result or exception is encoded and decoded again. A unit test run against it catches
 * what would fail across the pipe (a lambda that captures a non-serializable {@code this}, an element or result that
 * does not serialize, a class the codec's filter rejects) in milliseconds.
 *
 * <pre>{@code
 * ExecutionModel model = CodecCheckingModel.builder().build();
 * assertEquals(expected, model.map(myFn, data));   // fails if myFn or data would not cross to a worker
 * }</pre>
 *
 * <p>Thread safe: each call runs on its caller's thread.
 *
 * @since 0.1
 */
public final class CodecCheckingModel extends AbstractExecutionModel {

    private final Codec codec;

    private CodecCheckingModel(Codec codec) {
        super("codec-checking", 1);
        this.codec = codec;
    }

    /**
     * Returns a new builder.
     *
     * @return a builder
     * @since 0.1
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected <R> BasicTask<R> start(Job<R> job) {
        byte[] bytes = Serializability.encodeOrExplain(codec::encode, job,
                job instanceof Chunk ? "the function or an element of the map" : "the job", "a worker process");
        BasicTask<R> task = new BasicTask<>(() -> run(bytes));
        task.run();
        return task;
    }

    @SuppressWarnings("unchecked")
    private <R> R run(byte[] bytes) throws Exception {
        Job<R> copy = (Job<R>) codec.decode(bytes);
        R result;
        try {
            result = copy.call();
        } catch (Exception | Error e) {
            Throwable rebuilt = Failures.decode(Failures.encode(e, codec), codec);
            if (rebuilt instanceof Exception) {
                throw (Exception) rebuilt;
            }
            throw (Error) rebuilt;
        }
        byte[] encoded;
        try {
            encoded = codec.encode(result);
        } catch (IOException e) {
            throw new IllegalStateException("the result cannot be sent back from a worker process: "
                    + Objects.requireNonNullElse(Serializability.explain(result), e.toString()), e);
        }
        return (R) codec.decode(encoded);
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
        // nothing to release
    }

    /**
     * Builds a {@link CodecCheckingModel}. The codec may be set once; {@link #build()} may be called many times.
     *
     * <p>Not thread safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        private Codec codec;

        private Builder() {
        }

        /**
         * Sets the codec to check with.
         *
         * @param codec the codec; by default {@link JavaSerializationCodec#defaults()}
         * @return this builder
         * @throws NullPointerException if {@code codec} is {@code null}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder codec(Codec codec) {
            requireUnset(this.codec == null, "codec");
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Returns a new, open model.
         *
         * @return the model
         * @since 0.1
         */
        public CodecCheckingModel build() {
            return new CodecCheckingModel(codec != null ? codec : JavaSerializationCodec.defaults());
        }
    }
}
