package io.github.execmodels.async;

import io.github.execmodels.Task;

/**
 * A coroutine: a function, run on the loop's thread, that starts some work and returns the {@link Task} that
 * completes with it. Java has no {@code async}/{@code await}; a coroutine composes the tasks it waits for with
 * {@link AsyncTask#thenCompose(io.github.execmodels.Fn)} and the other stage methods instead.
 *
 * <p>Thread safety: {@link #call()} is always invoked on the loop's thread.
 *
 * @param <R> the result type
 * @since 0.1
 */
@FunctionalInterface
public interface Coroutine<R> {

    /**
     * Starts the work.
     *
     * @return the task of the work, not {@code null}
     * @throws Exception if the work cannot start; the coroutine's task fails with it
     * @since 0.1
     */
    Task<? extends R> call() throws Exception;
}
