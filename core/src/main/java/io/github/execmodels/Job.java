package io.github.execmodels;

import java.io.Serializable;

/**
 * A unit of work given to {@link ExecutionModel#submit(Job)}: the {@code Callable} of this library.
 *
 * <p>It extends {@link Serializable} so that a lambda can cross a process boundary; only the process model
 * actually serializes it.
 *
 * @param <R> the result type
 * @since 0.1
 */
@FunctionalInterface
public interface Job<R> extends Serializable {

    /**
     * Runs the work.
     *
     * @return the result, possibly {@code null}
     * @throws Exception any failure; the task fails with it as the cause
     * @since 0.1
     */
    R call() throws Exception;
}
