package io.github.execmodels.async;

/**
 * The body of an await-style coroutine: ordinary blocking-style code that returns a value and, where it must wait,
 * calls {@link Async#await(io.github.execmodels.Task)}. It is Python's {@code async def}: started with
 * {@link Async#coroutine(AsyncBody)} (asyncio's {@code create_task}) or {@link Async#run(AsyncBody)}
 * ({@code asyncio.run}), it runs on a virtual thread of its own, under the loop's baton.
 *
 * <pre>{@code
 * AsyncTask<String> task = Async.coroutine(() -> {
 *     Async.await(Async.sleep(1.0));
 *     return "done";
 * });
 * }</pre>
 *
 * <p>The name differs from {@link Coroutine}, the callback-style coroutine that returns the {@code Task} of its
 * work instead of waiting for it.
 *
 * <p>Thread safety: {@link #call()} runs on the coroutine's virtual thread while it holds the loop's baton, so
 * nothing else of the loop runs at the same time; it may use everything of {@link Async}.
 *
 * @param <R> the result type
 * @since 0.1
 */
@FunctionalInterface
public interface AsyncBody<R> {

    /**
     * Runs the coroutine's code.
     *
     * @return the coroutine's result
     * @throws Exception to fail the coroutine's task with it; a {@link java.util.concurrent.CancellationException}
     *         cancels it
     * @since 0.1
     */
    R call() throws Exception;
}
