package io.github.execmodels;

import java.io.Serializable;

/**
 * A function applied to each element by {@link ExecutionModel#map(Fn, Iterable)} and its variants.
 *
 * <p>It extends {@link Serializable} so that every lambda and method reference given to {@code map} can cross a
 * process boundary; only the process model actually serializes it. A lambda that captures a non-serializable
 * object (a captured {@code this} is the classic case) still compiles, and fails only on the process model.
 *
 * <p>Implementations should be thread safe: most models call {@code apply} from several threads at once.
 *
 * @param <T> the element type
 * @param <R> the result type
 * @since 0.1
 */
@FunctionalInterface
public interface Fn<T, R> extends Serializable {

    /**
     * Computes the result for one element.
     *
     * @param element the element, possibly {@code null} if the data holds nulls
     * @return the result, possibly {@code null}
     * @throws Exception any failure; the model reports it as the cause of a {@link TaskFailedException}
     * @since 0.1
     */
    R apply(T element) throws Exception;
}
