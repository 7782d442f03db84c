package io.github.execmodels.async;

import io.github.execmodels.Task;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * An await-style coroutine: its body is blocking-style code running on a virtual thread of its own, under the
 * loop's baton.
 *
 * <p><b>The baton.</b> At most one of the loop's thread and the coroutine bodies runs at any moment. The loop hands
 * the baton to a body ({@code handOff}) and waits until the body gives it back, which the body does when it
 * awaits a task that is not done, or returns. An await registers this task as a continuation of the awaited task
 * and parks the body; when that task completes, the loop, in the turn that completed it, hands the baton back and
 * the await returns. So a body's code between two awaits runs as one callback of the loop does, and while a body
 * holds the baton its thread counts as the loop's thread ({@link EventLoop#inEventLoop()}), so all of the loop's
 * API works in it.
 *
 * <p><b>Costs.</b> The baton is the volatile {@link #bodyTurn}: whatever one side wrote before it passes the baton
 * is visible to the other after it takes it. Each side spins briefly before it parks, because a hand-off usually
 * comes back within microseconds, and waking a parked thread (or a parked carrier of virtual threads) costs more
 * than that; it unparks the other side only if that side said it parks. Awaiting a task that is already done does
 * not suspend at all.
 *
 * <p><b>Cancellation</b> follows asyncio's {@code Task}: a body not started yet never starts; a suspended body's
 * awaited task is cancelled, so the await throws its {@link CancellationException}; if that task was done already
 * (or the body cancels itself while it runs) the next await throws one instead. A body may catch it and go on.
 * When the loop terminates, bodies still suspended are resumed with a cancellation and every later await throws
 * one at once, so each runs to its end ({@link CoroutineBodies}).
 */
final class CoroutineTask<R> extends AsyncTask<R> implements Runnable, Continuation {

    private static final ThreadLocal<CoroutineTask<?>> CURRENT = new ThreadLocal<>();
    /** How long the loop spins for the baton to come back before it parks. */
    private static final long LOOP_SPIN_NANOS = 20_000;
    /** How long a suspended body spins for its resumption before it parks. */
    private static final long BODY_SPIN_NANOS = 5_000;

    private final AsyncBody<R> body;
    private final Thread thread;
    private final CoroutineBodies bodies;
    private Thread loopThread;
    private boolean started;
    private boolean suspended;
    private boolean loopClosed;
    private volatile boolean bodyTurn;
    private volatile boolean bodyParked;
    private volatile boolean loopParked;

    CoroutineTask(EventLoop loop, AsyncBody<R> body) {
        super(loop, false);
        this.body = body;
        this.bodies = loop.coroutineBodies();
        this.thread = BodyThreads.newThread(this::bodyMain);
    }

    /** The coroutine whose body runs on the calling thread, or {@code null}. */
    static CoroutineTask<?> current() {
        return CURRENT.get();
    }

    /** The loop of the coroutine body running on the calling thread, or {@code null}. */
    static EventLoop loopOfCurrentBody() {
        CoroutineTask<?> c = CURRENT.get();
        return c == null ? null : c.loop;
    }

    // ---- loop side

    /** The first step, from the loop's ready queue: starts the body. */
    @Override
    public void run() {
        if (isDone()) {
            return; // cancelled before it started
        }
        if (loop.isShuttingDown()) {
            completeCancelled();
            return;
        }
        markRunning();
        started = true;
        bodies.started(this);
        handOff(true);
    }

    /** The awaited task is done: resume the body, in the turn that completed it. */
    @Override
    public void onDone(AsyncTask<?> source) {
        if (suspended && awaiting == source) {
            handOff(false);
        }
    }

    @Override
    void doCancel() {
        if (!started) {
            completeCancelled();
            return;
        }
        Object a = awaiting;
        if (suspended && a instanceof AsyncTask && ((AsyncTask<?>) a).cancelOnLoop()) {
            return; // the await throws the awaited task's cancellation
        }
        mustCancel = true; // running, or about to resume: the next await throws
    }

    /** Gives the baton to the body (starting its thread the first time), on the loop's thread, and takes it back when the body awaits or ends. */
    private void handOff(boolean first) {
        loopThread = Thread.currentThread();
        loop.bodyThread = thread;
        suspended = false;
        bodyTurn = true;
        if (first) {
            thread.start();
        } else if (bodyParked) {
            LockSupport.unpark(thread);
        }
        awaitLoopTurn(Long.MAX_VALUE);
        loop.bodyThread = null;
    }

    /** As the loop terminates: resumes a suspended body, whose awaits now throw, and waits for it to end. */
    void resumeForClose(long deadline) {
        loopClosed = true;
        if (!suspended) {
            return;
        }
        loopThread = Thread.currentThread();
        loop.bodyThread = thread;
        suspended = false;
        bodyTurn = true;
        if (bodyParked) {
            LockSupport.unpark(thread);
        }
        awaitLoopTurn(deadline);
        loop.bodyThread = null;
    }

    private void awaitLoopTurn(long deadline) {
        long start = System.nanoTime();
        int spins = 0;
        while (bodyTurn) {
            if ((++spins & 63) == 0 && System.nanoTime() - start > LOOP_SPIN_NANOS) {
                parkLoop(start, deadline);
                return;
            }
            Thread.onSpinWait();
        }
    }

    private void parkLoop(long start, long deadline) {
        boolean debug = loop.debug();
        long threshold = loop.slowCallbackNanos();
        boolean warned = false;
        boolean interrupted = Thread.interrupted();
        loopParked = true;
        while (bodyTurn) {
            long now = System.nanoTime();
            if (deadline != Long.MAX_VALUE && now - deadline >= 0) {
                break;
            }
            if (debug && !warned) {
                if (now - start >= threshold) {
                    warned = true;
                    loop.warn(stallReport(now - start));
                    continue;
                }
                LockSupport.parkNanos(this, threshold - (now - start));
            } else if (deadline != Long.MAX_VALUE) {
                LockSupport.parkNanos(this, deadline - now);
            } else {
                LockSupport.park(this);
            }
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        loopParked = false;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private String stallReport(long nanos) {
        StringBuilder s = new StringBuilder().append(this).append(" has held the event loop for ")
                .append(String.format("%.3f", nanos / 1e9)).append(" seconds without awaiting: a blocking call in "
                + "a coroutine stalls the whole loop (await a task instead, or move the blocking work to "
                + "Async.runInExecutor). It is at:");
        for (StackTraceElement e : thread.getStackTrace()) {
            s.append(System.lineSeparator()).append("\tat ").append(e);
        }
        return s.toString();
    }

    // ---- body side

    private void bodyMain() {
        CURRENT.set(this);
        R result = null;
        Throwable failure = null;
        try {
            result = body.call();
        } catch (Throwable e) {
            failure = e;
        }
        if (failure != null) {
            completeFailure(failure);
        } else if (mustCancel) {
            completeCancelled();
        } else {
            completeValue(result);
        }
        bodies.ended(this, thread);
        giveBaton();
    }

    /** Awaits {@code task} in this coroutine's body: suspends until it is done, then returns or throws as it did. */
    <T> T await(Task<T> task) throws Exception {
        AsyncTask<?> inner = loop.adapt(task);
        if (inner == this) {
            throw new IllegalStateException("a coroutine cannot await its own task: it would wait for ever");
        }
        if (!inner.isDone()) {
            if (loopClosed) {
                throw closed();
            }
            awaiting = inner;
            suspended = true;
            inner.addCallback(this);
            giveBaton();
            awaitBodyTurn();
            awaiting = null;
            if (loopClosed && !inner.isDone()) {
                throw closed();
            }
        }
        if (mustCancel) {
            mustCancel = false;
            throw new CancellationException("task cancelled");
        }
        @SuppressWarnings("unchecked")
        Task<T> done = (Task<T>) inner;
        return outcome(done);
    }

    private void giveBaton() {
        bodyTurn = false;
        if (loopParked) {
            LockSupport.unpark(loopThread);
        }
    }

    private void awaitBodyTurn() {
        long start = System.nanoTime();
        int spins = 0;
        while (!bodyTurn) {
            if ((++spins & 63) == 0 && System.nanoTime() - start > BODY_SPIN_NANOS) {
                parkBody();
                return;
            }
            Thread.onSpinWait();
        }
    }

    private void parkBody() {
        boolean interrupted = Thread.interrupted(); // a pending interrupt would make park return at once, for ever
        bodyParked = true;
        while (!bodyTurn) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        bodyParked = false;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static CancellationException closed() {
        return new CancellationException("the event loop closed while the coroutine awaited");
    }

    /** Returns the value of a task that is done, or throws its failure (the cause itself, as a stage sees it). */
    @SuppressWarnings("unchecked")
    static <T> T outcome(Task<T> task) throws Exception {
        if (task instanceof AsyncTask) {
            AsyncTask<T> a = (AsyncTask<T>) task;
            Throwable failure = a.failureRaw();
            if (failure == null) {
                return (T) a.valueRaw();
            }
            if (!a.isCancelled()) {
                a.exceptionNow(); // marks the failure retrieved
            }
            throw rethrow(failure);
        }
        switch (task.status()) {
            case SUCCEEDED:
                return task.resultNow();
            case FAILED:
                throw rethrow(task.exceptionNow());
            default:
                throw new CancellationException("task cancelled");
        }
    }

    private static Exception rethrow(Throwable failure) {
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure instanceof Exception) {
            return (Exception) failure;
        }
        return new ExecutionException(failure);
    }

    @Override
    public String toString() {
        return "Coroutine[" + status() + ", " + thread.getName() + ", " + body + "]";
    }
}
