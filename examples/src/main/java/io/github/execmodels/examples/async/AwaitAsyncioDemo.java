package io.github.execmodels.examples.async;

import io.github.execmodels.async.Async;
import io.github.execmodels.async.AsyncBody;
import io.github.execmodels.async.AsyncTask;
import java.time.Duration;
import java.util.List;

/**
 * {@link AsyncioDemo} written with await-style coroutines (Java 21+): the same three variants, line for line as
 * the lecture's Python reads. Three one-second sleeps awaited one after the other take three seconds; started as
 * tasks and then awaited, or gathered, they take one.
 *
 * <pre>
 * async def main():                          Async.run(() -&gt; {
 *     await asyncio.sleep(1)                     Async.await(Async.sleep(1.0));
 *     await asyncio.sleep(1)                     Async.await(Async.sleep(1.0));
 *     await asyncio.sleep(1)                     Async.await(Async.sleep(1.0));
 *                                                return null;
 * asyncio.run(main())                        });
 *
 * async def tasks():                         static Void tasks() throws Exception {
 *     t1 = asyncio.create_task(sleep(1))         AsyncTask&lt;Void&gt; t1 = Async.coroutine(() -&gt; Async.await(Async.sleep(1.0)));
 *     t2 = asyncio.create_task(sleep(1))         AsyncTask&lt;Void&gt; t2 = Async.coroutine(() -&gt; Async.await(Async.sleep(1.0)));
 *     await t1                                   Async.await(t1);
 *     await t2                                   Async.await(t2);
 *
 * await asyncio.gather(a, b, c)              Async.await(Async.gather(a, b, c));
 * </pre>
 */
public final class AwaitAsyncioDemo {

    private AwaitAsyncioDemo() {
    }

    public static void main(String[] args) {
        List<Duration> t = timings(Duration.ofSeconds(1));
        System.out.printf("three awaited sleep(1)        %.3f s%n", t.get(0).toNanos() / 1e9);
        System.out.printf("three tasks, then awaited     %.3f s%n", t.get(1).toNanos() / 1e9);
        System.out.printf("gather of three sleep(1)      %.3f s%n", t.get(2).toNanos() / 1e9);
    }

    /**
     * Runs the three variants with sleeps of {@code sleep}.
     *
     * @param sleep how long each of the three sleeps lasts
     * @return the wall times of: three awaited sleeps, three tasks created then awaited, three gathered sleeps
     * @throws UnsupportedOperationException on Java 17: coroutines run on virtual threads
     */
    public static List<Duration> timings(Duration sleep) {
        return List.of(time(() -> sequential(sleep)), time(() -> tasks(sleep)), time(() -> gathered(sleep)));
    }

    /** await sleep; await sleep; await sleep. */
    static Void sequential(Duration sleep) throws Exception {
        Async.await(Async.sleep(sleep));
        Async.await(Async.sleep(sleep));
        Async.await(Async.sleep(sleep));
        return null;
    }

    /** task_1 = create_task(sleep); ... ; await task_1; await task_2; await task_3. */
    static Void tasks(Duration sleep) throws Exception {
        AsyncTask<Void> task1 = Async.coroutine(() -> Async.await(Async.sleep(sleep)));
        AsyncTask<Void> task2 = Async.coroutine(() -> Async.await(Async.sleep(sleep)));
        AsyncTask<Void> task3 = Async.coroutine(() -> Async.await(Async.sleep(sleep)));
        Async.await(task1);
        Async.await(task2);
        Async.await(task3);
        return null;
    }

    /** await gather(sleep, sleep, sleep). */
    static List<Void> gathered(Duration sleep) throws Exception {
        return Async.await(Async.gather(Async.sleep(sleep), Async.sleep(sleep), Async.sleep(sleep)));
    }

    private static Duration time(AsyncBody<?> body) {
        return Async.run(() -> {
            long start = System.nanoTime();
            body.call();
            return Duration.ofNanos(System.nanoTime() - start);
        });
    }
}
