package io.github.execmodels.async;

import io.github.execmodels.internal.Timeouts;
import io.github.execmodels.Fn;
import io.github.execmodels.Job;
import io.github.execmodels.Outcome;
import io.github.execmodels.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * The helpers of code running on an {@link EventLoop}, after asyncio's: {@code sleep}, {@code gather},
 * {@code waitFor}, {@code timeout}, {@code shield}, {@code asCompleted}, task groups and {@code runInExecutor}.
 * Each finds the loop through the calling thread.
 *
 * <pre>{@code
 * EventLoop.run(() -> Async.gather(List.of(
 *         Async.spawn(() -> Async.sleep(1.0)),
 *         Async.spawn(() -> Async.sleep(1.0)))));   // about one second, not two
 * }</pre>
 *
 * <p>Await-style coroutines (Java 21+) read as asyncio does: {@link #coroutine(AsyncBody)}, {@link #await(Task)},
 * {@link #run(AsyncBody)}.
 *
 * <p>Thread safety: every method must be called on a loop's thread or in a coroutine body (which holds the loop's
 * baton, so it counts as the loop's thread); each throws {@link IllegalStateException} otherwise.
 *
 * @since 0.1
 */
public final class Async {

    private Async() {
    }

    /**
     * Returns the loop running on this thread.
     *
     * @return the loop
     * @throws IllegalStateException if no loop runs on this thread
     * @since 0.1
     */
    public static EventLoop loop() {
        return EventLoop.current();
    }

    /**
     * Starts {@code coroutine} as a task of the current loop (asyncio's {@code create_task}).
     *
     * @param coroutine the work
     * @param <R> the result type
     * @return its task
     * @throws IllegalStateException if not called on a loop's thread
     * @throws NullPointerException if {@code coroutine} is {@code null}
     * @since 0.1
     */
    public static <R> AsyncTask<R> spawn(Coroutine<R> coroutine) {
        return EventLoop.current().spawn(coroutine);
    }

    /**
     * Starts {@code body} as an await-style coroutine of the current loop (asyncio's {@code create_task} of an
     * {@code async def}): it begins on a later turn, on a virtual thread of its own, and runs under the loop's
     * baton, so that nothing else of the loop runs between two of its {@link #await(Task) awaits}.
     *
     * <pre>{@code
     * AsyncTask<String> greeting = Async.coroutine(() -> {
     *     Async.await(Async.sleep(1.0));      // await asyncio.sleep(1)
     *     return "hello";
     * });
     * }</pre>
     *
     * <p>Its task composes with callback-style code ({@code thenCompose} on it) and is cancelled as any task:
     * the body's pending await throws {@link java.util.concurrent.CancellationException}, so its {@code finally}
     * blocks run. When the loop closes, every body still suspended is cancelled this way and its thread ends.
     * Needs Java 21 or newer (virtual threads); see {@code docs/event-loop.md} for {@code ThreadLocal}s and pinning.
     *
     * @param body the coroutine's code
     * @param <R> the result type
     * @return its task
     * @throws UnsupportedOperationException on a Java runtime older than 21, naming Java 21
     * @throws IllegalStateException if not called on a loop's thread or in a coroutine body
     * @throws NullPointerException if {@code body} is {@code null}
     * @since 0.1
     */
    public static <R> AsyncTask<R> coroutine(AsyncBody<R> body) {
        Objects.requireNonNull(body, "body");
        EventLoop loop = EventLoop.current();
        CoroutineTask<R> task = new CoroutineTask<>(loop, body);
        loop.linkLive(task);
        loop.callSoon(task);
        return task;
    }

    /**
     * Waits, in a coroutine body, for {@code task} (Python's {@code await}): the body suspends, the loop runs other
     * callbacks and coroutines, and the body resumes on the loop's turn once the task is done. A task that is done
     * already returns at once, without suspending. The task may be any {@link Task}: the loop's, another loop's, a
     * thread or process model's.
     *
     * <pre>{@code
     * String line = Async.await(stream.readLine());   // line = await reader.readline()
     * }</pre>
     *
     * @param task what to wait for
     * @param <T> the result type
     * @return the task's result
     * @throws Exception the task's own failure, the cause itself, as a {@code thenCompose} stage sees it
     * @throws java.util.concurrent.CancellationException if the task was cancelled, if this coroutine was
     *         cancelled while it waited (or before, while it ran), or if the loop closed
     * @throws IllegalStateException if not called in a coroutine body (in a plain loop callback compose with
     *         {@link AsyncTask#thenCompose(Fn)}; on another thread use {@link Task#join()}), or if the body
     *         awaits its own task
     * @throws NullPointerException if {@code task} is {@code null}
     * @since 0.1
     */
    public static <T> T await(Task<T> task) throws Exception {
        Objects.requireNonNull(task, "task");
        CoroutineTask<?> self = CoroutineTask.current();
        if (self == null) {
            throw notInCoroutine();
        }
        if (task.isDone() && !self.mustCancel) {
            return CoroutineTask.outcome(task);
        }
        return self.await(task);
    }

    private static IllegalStateException notInCoroutine() {
        Thread t = Thread.currentThread();
        String where = t instanceof EventLoop.LoopThread
                ? "in a plain callback of the event loop (" + t.getName() + "), which cannot suspend: start the code "
                        + "as a coroutine with Async.coroutine(() -> ...), or compose with thenCompose"
                : "on " + t.getName() + ", which runs no coroutine: start one with Async.run(() -> ...) or "
                        + "Async.coroutine(() -> ...), or wait for the task here with join()";
        return new IllegalStateException("Async.await is only for the body of a coroutine, and was called " + where);
    }

    /**
     * Runs {@code main} as a coroutine on a new event loop until it completes, then cancels what is left, closes
     * the loop and returns the result: Python's {@code asyncio.run(main())}.
     *
     * <pre>{@code
     * String result = Async.run(() -> {
     *     Async.await(Async.sleep(1.0));
     *     return "done";
     * });
     * }</pre>
     *
     * @param main the coroutine's code
     * @param <R> the result type
     * @return the result of {@code main}
     * @throws io.github.execmodels.TaskFailedException if {@code main} failed; its cause is the exception
     * @throws java.util.concurrent.CancellationException if {@code main} was cancelled
     * @throws UnsupportedOperationException on a Java runtime older than 21, naming Java 21
     * @throws IllegalStateException if called on an event loop's thread or in a coroutine body
     * @throws NullPointerException if {@code main} is {@code null}
     * @since 0.1
     */
    public static <R> R run(AsyncBody<R> main) {
        Objects.requireNonNull(main, "main");
        BodyThreads.requireAvailable();
        return EventLoop.run(() -> coroutine(main));
    }

    /**
     * Returns a task that completes after {@code delay} on the loop's clock; zero yields to the other tasks for one
     * turn. Cancelling it cancels its timer.
     *
     * @param delay how long to sleep
     * @return the task, completing with {@code null}
     * @throws IllegalStateException if not called on a loop's thread
     * @throws NullPointerException if {@code delay} is {@code null}
     * @since 0.1
     */
    public static AsyncTask<Void> sleep(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        return new SleepTask<>(EventLoop.current(), Timeouts.clampedNanos(delay), null);
    }

    /**
     * Returns a task that completes after {@code seconds} on the loop's clock, like asyncio's {@code sleep}.
     *
     * @param seconds how long to sleep
     * @return the task, completing with {@code null}
     * @throws IllegalStateException if not called on a loop's thread
     * @throws IllegalArgumentException if {@code seconds} is not a number
     * @since 0.1
     */
    public static AsyncTask<Void> sleep(double seconds) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("seconds: NaN (expected: a number)");
        }
        return new SleepTask<>(EventLoop.current(), (long) (seconds * 1e9), null);
    }

    /**
     * Returns a task that completes with {@code value} after {@code delay}.
     *
     * @param delay how long to sleep
     * @param value the result
     * @param <R> the result type
     * @return the task
     * @throws IllegalStateException if not called on a loop's thread
     * @throws NullPointerException if {@code delay} is {@code null}
     * @since 0.1
     */
    public static <R> AsyncTask<R> sleep(Duration delay, R value) {
        Objects.requireNonNull(delay, "delay");
        return new SleepTask<>(EventLoop.current(), Timeouts.clampedNanos(delay), value);
    }

    /**
     * Returns a task that is already complete with {@code value}.
     *
     * @param value the result
     * @param <R> the result type
     * @return the task
     * @throws IllegalStateException if not called on a loop's thread
     * @since 0.1
     */
    public static <R> AsyncTask<R> completed(R value) {
        AsyncTask<R> t = new AsyncTask<>(EventLoop.current(), true);
        t.completeValue(value);
        return t;
    }

    /**
     * Returns a task that has already failed with {@code failure}.
     *
     * @param failure the exception
     * @param <R> the result type
     * @return the task
     * @throws IllegalStateException if not called on a loop's thread
     * @throws NullPointerException if {@code failure} is {@code null}
     * @since 0.1
     */
    public static <R> AsyncTask<R> failed(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        AsyncTask<R> t = new AsyncTask<>(EventLoop.current(), true);
        t.completeFailure(failure);
        return t;
    }

    /**
     * Returns a task that code on the loop completes with {@link AsyncTask#complete(Object)} or
     * {@link AsyncTask#fail(Throwable)}: asyncio's {@code loop.create_future()}.
     *
     * @param <R> the result type
     * @return a pending task
     * @throws IllegalStateException if not called on a loop's thread
     * @since 0.1
     */
    public static <R> AsyncTask<R> promise() {
        return new AsyncTask<>(EventLoop.current(), false, true);
    }

    /**
     * Returns a task that completes with the results of {@code tasks}, in their order, once all succeeded; it
     * fails with the first failure as it happens (the other tasks go on). Cancelling it cancels them all.
     *
     * @param tasks the tasks to wait for
     * @param <T> their result type
     * @return the task of the list of results (unmodifiable)
     * @throws IllegalStateException if not called on a loop's thread
     * @throws NullPointerException if {@code tasks} or one of them is {@code null}
     * @since 0.1
     */
    public static <T> AsyncTask<List<T>> gather(List<? extends Task<? extends T>> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        return new GatherTask<>(EventLoop.current(), tasks, false);
    }

    /**
     * Returns a task that completes with the results of {@code tasks}, in their order.
     *
     * @param tasks the tasks to wait for
     * @param <T> their result type
     * @return the task of the list of results (unmodifiable)
     * @throws IllegalStateException if not called on a loop's thread
     * @throws NullPointerException if {@code tasks} or one of them is {@code null}
     * @since 0.1
     */
    @SafeVarargs
    public static <T> AsyncTask<List<T>> gather(Task<? extends T>... tasks) {
        Objects.requireNonNull(tasks, "tasks");
        return gather(Arrays.asList(tasks));
    }

    /**
     * Returns a task that waits for every one of {@code tasks} and completes with the outcome of each, in their
     * order, successes and failures alike: asyncio's {@code gather(..., return_exceptions=True)}. A cancelled task
     * gives a failed outcome whose cause is a {@link java.util.concurrent.CancellationException}.
     *
     * @param tasks the tasks to wait for
     * @param <T> their result type
     * @return the task of the list of outcomes (unmodifiable); each outcome's index is the task's position
     * @throws IllegalStateException if not called on a loop's thread
     * @throws NullPointerException if {@code tasks} or one of them is {@code null}
     * @since 0.1
     */
    public static <T> AsyncTask<List<Outcome<T>>> gatherOutcomes(List<? extends Task<? extends T>> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        return new GatherTask<>(EventLoop.current(), tasks, true);
    }

    /**
     * Returns a task that follows {@code task} for at most {@code timeout}: when the time is up it cancels
     * {@code task}, waits for it to unwind, and fails with {@link io.github.execmodels.TaskTimeoutException}.
     * Cancelling the returned task cancels {@code task}.
     *
     * @param task the task to wait for
     * @param timeout how long to wait, on the loop's clock
     * @param <R> the result type
     * @return the new task
     * @throws IllegalStateException if not called on a loop's thread
     * @throws NullPointerException if an argument is {@code null}
     * @since 0.1
     */
    public static <R> AsyncTask<R> waitFor(Task<R> task, Duration timeout) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(timeout, "timeout");
        EventLoop loop = EventLoop.current();
        return new WaitForTask<>(loop, loop.adapt(task), timeout);
    }

    /**
     * Runs {@code body} now, with a deadline: if it is not done within {@code timeout}, what it waits on is
     * cancelled and the returned task fails with {@link io.github.execmodels.TaskTimeoutException} (asyncio's
     * {@code async with timeout(...)}).
     *
     * @param timeout the time limit, on the loop's clock
     * @param body the work
     * @param <R> the result type
     * @return the task of the work
     * @throws IllegalStateException if not called on a loop's thread
     * @throws NullPointerException if an argument is {@code null}
     * @since 0.1
     */
    public static <R> AsyncTask<R> timeout(Duration timeout, Coroutine<R> body) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(body, "body");
        EventLoop loop = EventLoop.current();
        Task<? extends R> task;
        try {
            task = body.call();
        } catch (Exception e) {
            return failed(e);
        }
        if (task == null) {
            return failed(new NullPointerException("the coroutine returned null instead of a task"));
        }
        return new WaitForTask<>(loop, loop.adapt(task), timeout);
    }

    /**
     * Returns a task that follows {@code task}, but whose cancellation does not reach {@code task}: asyncio's
     * {@code shield}.
     *
     * @param task the task to protect
     * @param <R> the result type
     * @return the shield
     * @throws IllegalStateException if not called on a loop's thread
     * @throws NullPointerException if {@code task} is {@code null}
     * @since 0.1
     */
    public static <R> AsyncTask<R> shield(Task<R> task) {
        Objects.requireNonNull(task, "task");
        EventLoop loop = EventLoop.current();
        return new ShieldTask<>(loop, loop.adapt(task));
    }

    /**
     * Returns one task per element of {@code tasks}, the first completing like the first of them to be done, the
     * second like the second, and so on: asyncio's {@code as_completed}.
     *
     * @param tasks the tasks
     * @param <T> their result type
     * @return tasks in completion order
     * @throws IllegalStateException if not called on a loop's thread
     * @throws NullPointerException if {@code tasks} or one of them is {@code null}
     * @since 0.1
     */
    public static <T> List<AsyncTask<T>> asCompleted(Collection<? extends Task<? extends T>> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        EventLoop loop = EventLoop.current();
        List<AsyncTask<T>> slots = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            slots.add(new AsyncTask<>(loop, true));
        }
        int[] next = {0};
        Continuation fill = source -> slots.get(next[0]++).completeLike(source);
        for (Task<? extends T> t : tasks) {
            loop.adapt(Objects.requireNonNull(t, "tasks contains null")).addCallback(fill);
        }
        return slots;
    }

    /**
     * Runs {@code body} with a new {@link TaskGroup}; the returned task completes with the body's result once the
     * body and every coroutine it spawned in the group are done. The first failure cancels the others and the task
     * fails with it; cancelling the task cancels them all.
     *
     * @param body the work, given the group
     * @param <R> the result type
     * @return the task of the group
     * @throws IllegalStateException if not called on a loop's thread
     * @throws NullPointerException if {@code body} is {@code null}
     * @since 0.1
     */
    public static <R> AsyncTask<R> taskGroup(Fn<? super TaskGroup, ? extends Task<R>> body) {
        Objects.requireNonNull(body, "body");
        EventLoop loop = EventLoop.current();
        TaskGroup.GroupTask<R> group = new TaskGroup.GroupTask<>(loop);
        TaskGroup handle = new TaskGroup(group);
        Task<R> bodyTask;
        try {
            bodyTask = body.apply(handle);
            if (bodyTask == null) {
                throw new NullPointerException("the task group's body returned null instead of a task");
            }
        } catch (Exception e) {
            bodyTask = failed(e);
        }
        AsyncTask<?> adapted = loop.adapt(bodyTask);
        group.body = adapted;
        group.add(adapted);
        return group;
    }

    /**
     * Runs blocking {@code job} on the loop's default executor (a pool of up to 32 daemon threads, closed with the
     * loop) and returns a task that completes on the loop with its result. Cancelling the task interrupts the job.
     *
     * @param job the blocking work
     * @param <R> the result type
     * @return its task
     * @throws IllegalStateException if not called on a loop's thread
     * @throws NullPointerException if {@code job} is {@code null}
     * @since 0.1
     */
    public static <R> AsyncTask<R> runInExecutor(Job<R> job) {
        Objects.requireNonNull(job, "job");
        EventLoop loop = EventLoop.current();
        return new ExecutorTask<>(loop, loop.defaultExecutor(), job);
    }

    /**
     * Runs blocking {@code job} on {@code executor} and returns a task that completes on the loop with its result.
     * Cancelling the task cancels the job with interruption.
     *
     * @param executor where to run it; not shut down by the loop
     * @param job the blocking work
     * @param <R> the result type
     * @return its task
     * @throws IllegalStateException if not called on a loop's thread
     * @throws NullPointerException if an argument is {@code null}
     * @throws java.util.concurrent.RejectedExecutionException if {@code executor} refuses the job
     * @since 0.1
     */
    public static <R> AsyncTask<R> runInExecutor(ExecutorService executor, Job<R> job) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(job, "job");
        return new ExecutorTask<>(EventLoop.current(), executor, job);
    }

    /**
     * Runs blocking {@code job} on another thread (asyncio's {@code to_thread}); the same as
     * {@link #runInExecutor(Job)}.
     *
     * @param job the blocking work
     * @param <R> the result type
     * @return its task
     * @throws IllegalStateException if not called on a loop's thread
     * @throws NullPointerException if {@code job} is {@code null}
     * @since 0.1
     */
    public static <R> AsyncTask<R> toThread(Job<R> job) {
        return runInExecutor(job);
    }

    /**
     * Opens a TCP connection to {@code host:port} (asyncio's {@code open_connection}). A host name that is not an IP
     * literal is resolved on the loop's executor, so the loop never blocks on DNS. Cancelling the task (or a
     * timeout through {@link #waitFor(Task, Duration)}) closes the socket.
     *
     * @param host the host name or IP literal
     * @param port the port
     * @return the task of the connection; it fails with the {@link java.io.IOException} of a failed connect
     * @throws IllegalStateException if not called on a loop's thread
     * @throws IllegalArgumentException if {@code port} is out of range
     * @throws NullPointerException if {@code host} is {@code null}
     * @since 0.1
     */
    public static AsyncTask<TcpStream> openConnection(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        EventLoop loop = EventLoop.current();
        if (isIpLiteral(host)) {
            return new Connector(loop, new java.net.InetSocketAddress(host, port));
        }
        return runInExecutor(() -> new java.net.InetSocketAddress(java.net.InetAddress.getByName(host), port))
                .thenCompose(address -> new Connector(loop, address));
    }

    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
