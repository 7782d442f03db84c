package io.github.execmodels;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of one element of {@link ExecutionModel#mapOutcomes(Fn, Iterable)}: a result or a failure.
 *
 * <p>Instances are immutable; an {@code Outcome} is safe to share when its value is.
 *
 * @param <R> the result type
 * @since 0.1
 */
public final class Outcome<R> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The element's position in the input. */
    private final long index;
    /** The result of a success, else {@code null}. */
    private final R value;
    /** The failure, or {@code null} for a success. */
    private final TaskFailedException failure;

    private Outcome(long index, R value, TaskFailedException failure) {
        this.index = index;
        this.value = value;
        this.failure = failure;
    }

    /**
     * Creates a successful outcome.
     *
     * @param index the element's position in the input
     * @param value the result, possibly {@code null}
     * @param <R> the result type
     * @return the outcome
     * @since 0.1
     */
    public static <R> Outcome<R> success(long index, R value) {
        return new Outcome<>(index, value, null);
    }

    /**
     * Creates a failed outcome.
     *
     * @param index the element's position in the input
     * @param failure the failure, whose {@link TaskFailedException#index()} should equal {@code index}
     * @param <R> the result type
     * @return the outcome
     * @throws NullPointerException if {@code failure} is {@code null}
     * @since 0.1
     */
    public static <R> Outcome<R> failure(long index, TaskFailedException failure) {
        return new Outcome<>(index, null, Objects.requireNonNull(failure, "failure"));
    }

    /**
     * Returns the element's position in the input.
     *
     * @return the index
     * @since 0.1
     */
    public long index() {
        return index;
    }

    /**
     * Tells whether the element succeeded.
     *
     * @return {@code true} for a result, {@code false} for a failure
     * @since 0.1
     */
    public boolean isSuccess() {
        return failure == null;
    }

    /**
     * Returns the result.
     *
     * @return the result, possibly {@code null}
     * @throws TaskFailedException the failure, if the element failed
     * @since 0.1
     */
    public R value() {
        if (failure != null) {
            throw failure;
        }
        return value;
    }

    /**
     * Returns the failure.
     *
     * @return the failure, or {@code null} if the element succeeded
     * @since 0.1
     */
    public TaskFailedException failure() {
        return failure;
    }

    /**
     * Returns an outcome with the result transformed by {@code mapper}, or this failure unchanged.
     *
     * @param mapper applied to the result of a success
     * @param <U> the new result type
     * @return the transformed outcome
     * @since 0.1
     */
    @SuppressWarnings("unchecked")
    public <U> Outcome<U> map(Function<? super R, ? extends U> mapper) {
        return failure == null ? success(index, mapper.apply(value)) : (Outcome<U>) this;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Outcome)) {
            return false;
        }
        Outcome<?> other = (Outcome<?>) o;
        return index == other.index && Objects.equals(value, other.value) && Objects.equals(failure, other.failure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, value, failure);
    }

    @Override
    public String toString() {
        return failure == null ? "Success[" + index + "]=" + value : "Failure[" + index + "]: " + failure.getCause();
    }
}
