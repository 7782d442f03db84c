package io.github.execmodels.examples.async;

import io.github.execmodels.async.Async;
import io.github.execmodels.async.AsyncTask;
import io.github.execmodels.async.EventLoop;
import java.time.Duration;
import java.util.List;

/**
 * The lecture's asyncio demo on the event loop: three one-second sleeps awaited one after the other take three
 * seconds; the same three sleeps started as tasks and then awaited, or gathered, take one second, because while one
 * task waits the loop runs the others.
 *
 * <pre>
 * async def main():                          EventLoop.run(() -&gt; Async.sleep(1.0)
 *     await asyncio.sleep(1)                         .thenCompose(v -&gt; Async.sleep(1.0))
 *     await asyncio.sleep(1)                         .thenCompose(v -&gt; Async.sleep(1.0)));
 *     await asyncio.sleep(1)
 * asyncio.run(main())
 * </pre>
 */
public final class AsyncioDemo {

    private AsyncioDemo() {
    }

    public static void main(String[] args) {
        List<Duration> t = timings();
        System.out.printf("three awaited sleep(1)        %.3f s%n", t.get(0).toNanos() / 1e9);
        System.out.printf("three tasks, then awaited     %.3f s%n", t.get(1).toNanos() / 1e9);
        System.out.printf("gather of three sleep(1)      %.3f s%n", t.get(2).toNanos() / 1e9);
    }

    /**
     * Runs the three variants with one-second sleeps.
     *
     * @return the wall times of: three awaited sleeps, three tasks created then awaited, three gathered sleeps
     */
    public static List<Duration> timings() {
        return timings(Duration.ofSeconds(1));
    }

    /**
     * Runs the three variants with sleeps of {@code sleep}.
     *
     * @param sleep how long each of the three sleeps lasts
     * @return the wall times of: three awaited sleeps, three tasks created then awaited, three gathered sleeps
     */
    public static List<Duration> timings(Duration sleep) {
        return List.of(time(() -> sequential(sleep)), time(() -> tasks(sleep)), time(() -> gathered(sleep)));
    }

    /** await sleep; await sleep; await sleep. */
    static AsyncTask<Void> sequential(Duration sleep) {
        return Async.sleep(sleep)
                .thenCompose(v -> Async.sleep(sleep))
                .thenCompose(v -> Async.sleep(sleep));
    }

    /** task_1 = create_task(sleep); ... ; await task_1; await task_2; await task_3. */
    static AsyncTask<Void> tasks(Duration sleep) {
        AsyncTask<Void> task1 = Async.spawn(() -> Async.sleep(sleep));
        AsyncTask<Void> task2 = Async.spawn(() -> Async.sleep(sleep));
        AsyncTask<Void> task3 = Async.spawn(() -> Async.sleep(sleep));
        return task1.thenCompose(v -> task2).thenCompose(v -> task3);
    }

    /** await gather(sleep, sleep, sleep). */
    static AsyncTask<?> gathered(Duration sleep) {
        return Async.gather(Async.sleep(sleep), Async.sleep(sleep), Async.sleep(sleep));
    }

    private static <T> Duration time(io.github.execmodels.async.Coroutine<T> body) {
        return EventLoop.run(() -> {
            long start = System.nanoTime();
            return Async.loop().spawn(body).thenApply(v -> Duration.ofNanos(System.nanoTime() - start));
        });
    }
}
