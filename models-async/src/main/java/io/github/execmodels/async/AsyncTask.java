package io.github.execmodels.async;

import io.github.execmodels.Fn;
import io.github.execmodels.Task;
import io.github.execmodels.internal.Timeouts;
import io.github.execmodels.spi.BasicTask;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * A task of an {@link EventLoop}: a coroutine, a sleep, a gather, a stage of a composition, or a promise that
 * code on the loop completes. It is the loop's counterpart of asyncio's {@code Task} and {@code Future}.
 *
 * <p>Composition replaces {@code await}: {@link #thenApply(Fn)}, {@link #thenCompose(Fn)}, {@link #recover(Fn)},
 * {@link #recoverWith(Fn)} and {@link #andFinally(Runnable)} return a new task whose function runs on the loop
 * when this one is done. Each stage <em>awaits</em> its source: cancelling a stage cancels what it is waiting
 * for, and the cancellation flows back out through the chain, so that {@code recover} and {@code andFinally}
 * stages can clean up (they see a {@link CancellationException}).
 *
 * <p>Departures from {@link java.util.concurrent.Future}, all as in asyncio:
 * <ul>
 *   <li>{@link #cancel(boolean)} <em>requests</em> cancellation: a task that waits on another task becomes done
 *       once what it waits on has unwound, usually in the same turn of the loop, and a stage may even recover from
 *       the cancellation. A cancel called from another thread takes effect on the loop's next turn. It never
 *       interrupts a callback that is running.</li>
 *   <li>{@link #join()} and {@link #get()} on the loop's own thread, on a task that is not done, throw
 *       {@link IllegalStateException} instead of blocking the loop forever.</li>
 * </ul>
 *
 * <p>A task that fails while no one listens to it, and whose failure is never retrieved ({@code join},
 * {@code get}, {@link #exceptionNow()}, a stage, a gather...), is logged when it is garbage collected.
 *
 * <p>Thread safety: the composition methods, {@link #complete(Object)} and {@link #fail(Throwable)} must be called
 * on the loop's thread ({@link IllegalStateException} otherwise); {@code status}, {@code join}, {@code get},
 * {@code cancel} and {@link #toCompletableFuture()} may be called from any thread.
 *
 * @param <R> the result type
 * @since 0.1
 */
public class AsyncTask<R> implements Task<R> {

    static final int PENDING = 0;
    static final int RUNNING = 1;
    static final int SUCCEEDED = 2;
    static final int FAILED = 3;
    static final int CANCELLED = 4;

    static final String BLOCKING_ON_LOOP = "join() or get() called on the event loop's own thread, on a task that "
            + "is not done: the task can only make progress on this thread, which would block waiting for it "
            + "forever. Compose instead (thenApply, thenCompose, Async.gather), or wait from another thread";

    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<AsyncTask, CompletableFuture> DONE_SIGNAL =
            AtomicReferenceFieldUpdater.newUpdater(AsyncTask.class, CompletableFuture.class, "doneSignal");

    final EventLoop loop;
    private volatile int state;
    private Object outcome; // the value, or the Throwable; published by the volatile write of state
    private Object callbacks; // null, a Continuation, or a Continuation[]; loop thread only
    private int callbackCount;
    private final boolean promise;
    private UnretrievedFailures.Tracker tracker;
    /** What this task waits on: an AsyncTask, a TimerHandle, or null; loop thread only. */
    Object awaiting;
    /** cancel() was called; loop thread only. */
    boolean cancelRequested;
    /** The cancellation could not be delivered to what this task awaited (it was done already). */
    boolean mustCancel;
    // the loop's list of live spawned tasks, for "cancel what is left"
    AsyncTask<?> prevLive;
    AsyncTask<?> nextLive;
    boolean live;
    /** Completed when this task is done; made by the first thread that waits for it (see awaitDone). */
    private volatile CompletableFuture<Void> doneSignal;

    AsyncTask(EventLoop loop, boolean running) {
        this(loop, running, false);
    }

    AsyncTask(EventLoop loop, boolean running, boolean promise) {
        this.loop = loop;
        this.promise = promise;
        if (running) {
            state = RUNNING;
        }
    }

    // ---- completion (loop thread)

    final void markRunning() {
        if (state == PENDING) {
            state = RUNNING;
        }
    }

    final boolean completeValue(Object value) {
        return settle(SUCCEEDED, value);
    }

    final boolean completeFailure(Throwable failure) {
        return settle(failure instanceof CancellationException ? CANCELLED : FAILED, failure);
    }

    final boolean completeCancelled() {
        return settle(CANCELLED, new CancellationException("task cancelled"));
    }

    /** Completes this task as {@code source} did; a success turns into a cancellation if one is owed. */
    final void completeLike(AsyncTask<?> source) {
        Object o = source.outcome;
        int s = source.state;
        if (s == SUCCEEDED) {
            if (mustCancel) {
                completeCancelled();
            } else {
                completeValue(o);
            }
        } else {
            completeFailure((Throwable) o);
        }
    }

    private boolean settle(int newState, Object value) {
        if (state >= SUCCEEDED) {
            return false;
        }
        outcome = value;
        awaiting = null;
        state = newState;
        if (live) {
            loop.unlinkLive(this);
        }
        if (callbacks != null) {
            loop.microtask(this);
        } else if (newState == FAILED) {
            tracker = loop.trackUnretrieved(this, (Throwable) value);
        }
        return true;
    }

    /** Runs the callbacks; called by the loop, from its microtask queue. */
    final void fireCallbacks() {
        Object cbs = callbacks;
        callbacks = null;
        if (cbs instanceof Continuation) {
            ((Continuation) cbs).onDone(this);
        } else if (cbs != null) {
            Continuation[] all = (Continuation[]) cbs;
            int n = callbackCount;
            callbackCount = 0;
            for (int i = 0; i < n; i++) {
                try {
                    all[i].onDone(this);
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    loop.reportCallbackFailure(all[i], e);
                }
            }
        }
    }

    /** Adds a continuation; if this task is done, it runs in this turn, after the current callback. */
    final void addCallback(Continuation c) {
        if (state >= SUCCEEDED) {
            markRetrieved();
            loop.microtask((Runnable) () -> c.onDone(this));
            return;
        }
        Object cbs = callbacks;
        if (cbs == null) {
            callbacks = c;
        } else if (cbs instanceof Continuation) {
            Continuation[] all = new Continuation[4];
            all[0] = (Continuation) cbs;
            all[1] = c;
            callbacks = all;
            callbackCount = 2;
        } else {
            Continuation[] all = (Continuation[]) cbs;
            if (callbackCount == all.length) {
                all = Arrays.copyOf(all, all.length * 2);
                callbacks = all;
            }
            all[callbackCount++] = c;
        }
    }

    final Object valueRaw() {
        return outcome;
    }

    /** The failure, or null if this task succeeded or is not done. */
    final Throwable failureRaw() {
        int s = state;
        return s == FAILED || s == CANCELLED ? (Throwable) outcome : null;
    }

    private void markRetrieved() {
        UnretrievedFailures.Tracker t = tracker;
        if (t != null) {
            t.retrieved = true;
        }
    }

    // ---- cancellation

    /**
     * Cancels on the loop thread.
     *
     * @return false if already done
     */
    final boolean cancelOnLoop() {
        if (state >= SUCCEEDED) {
            return false;
        }
        cancelRequested = true;
        doCancel();
        return true;
    }

    /** Delivers a cancellation; the default cancels what the task awaits, or completes it cancelled. */
    void doCancel() {
        Object a = awaiting;
        if (a instanceof AsyncTask) {
            if (!((AsyncTask<?>) a).cancelOnLoop()) {
                mustCancel = true;
            }
        } else {
            if (a instanceof TimerHandle) {
                ((TimerHandle) a).cancelOnLoop();
            }
            completeCancelled();
        }
    }

    /**
     * Requests the cancellation of this task; see the class comment for how it departs from
     * {@link java.util.concurrent.Future#cancel(boolean)}.
     *
     * @param mayInterruptIfRunning ignored: a cooperative loop never interrupts a running callback
     * @return {@code false} if the task was already done
     * @since 0.1
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (state >= SUCCEEDED) {
            return false;
        }
        if (loop.inEventLoop()) {
            return cancelOnLoop();
        }
        try {
            loop.callSoonThreadSafe(this::cancelOnLoop);
        } catch (RejectedExecutionException closed) {
            return false;
        }
        return true;
    }

    /**
     * Requests the cancellation of this task; the same as {@code cancel(false)}.
     *
     * @return {@code false} if the task was already done
     * @since 0.1
     */
    public boolean cancel() {
        return cancel(false);
    }

    // ---- promise completion

    /**
     * Completes a task made by {@link Async#promise()} with {@code value}.
     *
     * @param value the result
     * @return {@code false} if the task was already done
     * @throws IllegalStateException if not called on the loop's thread, or if this task is not a promise
     * @since 0.1
     */
    public boolean complete(R value) {
        checkPromise();
        return completeValue(value);
    }

    /**
     * Fails a task made by {@link Async#promise()} with {@code failure}.
     *
     * @param failure the exception; a {@link CancellationException} cancels the task
     * @return {@code false} if the task was already done
     * @throws IllegalStateException if not called on the loop's thread, or if this task is not a promise
     * @throws NullPointerException if {@code failure} is {@code null}
     * @since 0.1
     */
    public boolean fail(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        checkPromise();
        return completeFailure(failure);
    }

    private void checkPromise() {
        loop.checkInEventLoop("complete/fail");
        if (!promise) {
            throw new IllegalStateException("only a promise (Async.promise()) can be completed from outside");
        }
    }

    // ---- composition (loop thread)

    /**
     * Returns a task that completes with {@code fn} applied to this task's result; a failure or cancellation of
     * this task passes through without calling {@code fn}.
     *
     * @param fn the function, run on the loop
     * @param <U> the new result type
     * @return the new task
     * @throws IllegalStateException if not called on the loop's thread
     * @throws NullPointerException if {@code fn} is {@code null}
     * @since 0.1
     */
    public <U> AsyncTask<U> thenApply(Fn<? super R, ? extends U> fn) {
        return new Stage<>(this, Stage.APPLY, Objects.requireNonNull(fn, "fn"), null);
    }

    /**
     * Returns a task that, when this one succeeds, calls {@code fn} with its result and then waits for the task
     * {@code fn} returns: the {@code await} of a coroutine.
     *
     * @param fn the function, run on the loop; it must not return {@code null}
     * @param <U> the new result type
     * @return the new task
     * @throws IllegalStateException if not called on the loop's thread
     * @throws NullPointerException if {@code fn} is {@code null}
     * @since 0.1
     */
    public <U> AsyncTask<U> thenCompose(Fn<? super R, ? extends Task<U>> fn) {
        return new Stage<>(this, Stage.COMPOSE, Objects.requireNonNull(fn, "fn"), null);
    }

    /**
     * Returns a task that completes with this task's result, or, if this task fails or is cancelled, with
     * {@code fn} applied to the exception (a {@link CancellationException} for a cancellation).
     *
     * @param fn the function, run on the loop
     * @return the new task
     * @throws IllegalStateException if not called on the loop's thread
     * @throws NullPointerException if {@code fn} is {@code null}
     * @since 0.1
     */
    public AsyncTask<R> recover(Fn<? super Throwable, ? extends R> fn) {
        return new Stage<>(this, Stage.RECOVER, Objects.requireNonNull(fn, "fn"), null);
    }

    /**
     * Returns a task that completes with this task's result, or, if this task fails or is cancelled, waits for the
     * task {@code fn} returns for the exception.
     *
     * @param fn the function, run on the loop; it must not return {@code null}
     * @return the new task
     * @throws IllegalStateException if not called on the loop's thread
     * @throws NullPointerException if {@code fn} is {@code null}
     * @since 0.1
     */
    public AsyncTask<R> recoverWith(Fn<? super Throwable, ? extends Task<R>> fn) {
        return new Stage<>(this, Stage.RECOVER_WITH, Objects.requireNonNull(fn, "fn"), null);
    }

    /**
     * Returns a task that runs {@code cleanup} on the loop when this task is done, however it ended (also when
     * cancelled), and then completes as this task did: the {@code finally} of a coroutine. If {@code cleanup}
     * throws, the new task fails with that exception unless this task failed already.
     *
     * @param cleanup what to run
     * @return the new task
     * @throws IllegalStateException if not called on the loop's thread
     * @throws NullPointerException if {@code cleanup} is {@code null}
     * @since 0.1
     */
    public AsyncTask<R> andFinally(Runnable cleanup) {
        return new Stage<>(this, Stage.FINALLY, null, Objects.requireNonNull(cleanup, "cleanup"));
    }

    // ---- Task

    /**
     * Returns where the task is in its life.
     *
     * @return the status; {@link Task.Status#RUNNING} once a coroutine started or a stage was created
     * @since 0.1
     */
    @Override
    public Status status() {
        switch (state) {
            case PENDING:
                return Status.PENDING;
            case RUNNING:
                return Status.RUNNING;
            case SUCCEEDED:
                return Status.SUCCEEDED;
            case FAILED:
                return Status.FAILED;
            default:
                return Status.CANCELLED;
        }
    }

    @Override
    public boolean isDone() {
        return state >= SUCCEEDED;
    }

    @Override
    public boolean isCancelled() {
        return state == CANCELLED;
    }

    @Override
    public R get() throws InterruptedException, ExecutionException {
        if (state < SUCCEEDED) {
            awaitDone().get();
            checkDoneAfterWait();
        }
        return report();
    }

    @Override
    public R get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (state < SUCCEEDED) {
            awaitDone().get(timeout, unit);
            checkDoneAfterWait();
        }
        return report();
    }

    @Override
    public R join() {
        try {
            return get();
        } catch (ExecutionException e) {
            throw BasicTask.asFailure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BasicTask.interruptedWhileWaiting(e);
        }
    }

    @Override
    public R join(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        try {
            return get(Timeouts.clampedNanos(timeout), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw BasicTask.asFailure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BasicTask.interruptedWhileWaiting(e);
        } catch (TimeoutException e) {
            throw BasicTask.notDoneWithin(timeout);
        }
    }

    @SuppressWarnings("unchecked")
    private R report() throws ExecutionException {
        markRetrieved();
        int s = state;
        if (s == SUCCEEDED) {
            return (R) outcome;
        }
        Throwable failure = (Throwable) outcome;
        if (s == CANCELLED) {
            CancellationException c = new CancellationException(failure.getMessage());
            c.initCause(failure);
            throw c;
        }
        throw new ExecutionException(failure);
    }

    /**
     * A future completed (with null) when this task is done, or when the loop terminates without it. There is one
     * per task, made by the first thread that waits: a wait that times out leaves nothing behind, however often
     * it is repeated.
     */
    private CompletableFuture<Void> awaitDone() {
        if (loop.inEventLoop()) {
            throw new IllegalStateException(BLOCKING_ON_LOOP);
        }
        CompletableFuture<Void> done = doneSignal;
        if (done != null) {
            return done;
        }
        CompletableFuture<Void> signal = new CompletableFuture<>();
        if (!DONE_SIGNAL.compareAndSet(this, null, signal)) {
            return doneSignal; // another thread made it first
        }
        loop.watchTermination(signal);
        signal.whenComplete((v, e) -> loop.unwatchTermination(signal));
        try {
            loop.callSoonThreadSafe(() -> addCallback(source -> signal.complete(null)));
        } catch (RejectedExecutionException closed) {
            signal.complete(null);
        }
        return signal;
    }

    /** Throws if the loop terminated before this task was done; after {@link #awaitDone()} completed. */
    private void checkDoneAfterWait() {
        if (state < SUCCEEDED) {
            throw new CancellationException("the event loop terminated before the task completed");
        }
    }

    /**
     * Returns a {@link CompletableFuture} that completes with this task (on the loop's thread); cancelling it
     * cancels this task. Use it to wait for loop work from other threads or to compose with non-loop code.
     *
     * @return a future that follows this task
     * @since 0.1
     */
    @Override
    public CompletableFuture<R> toCompletableFuture() {
        CompletableFuture<R> view = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                AsyncTask.this.cancel(mayInterruptIfRunning);
                return super.cancel(mayInterruptIfRunning);
            }
        };
        Continuation copy = source -> {
            markRetrieved();
            copyTo(view);
        };
        if (loop.inEventLoop()) {
            addCallback(copy);
        } else if (state >= SUCCEEDED) {
            markRetrieved();
            copyTo(view);
        } else {
            CompletableFuture<Void> ended = new CompletableFuture<>();
            loop.watchTermination(ended);
            ended.thenRun(() -> {
                if (state >= SUCCEEDED) {
                    copyTo(view);
                } else {
                    view.completeExceptionally(
                            new CancellationException("the event loop terminated before the task completed"));
                }
            });
            view.whenComplete((v, e) -> loop.unwatchTermination(ended));
            try {
                loop.callSoonThreadSafe(() -> addCallback(copy));
            } catch (RejectedExecutionException closed) {
                ended.complete(null);
            }
        }
        return view;
    }

    @SuppressWarnings("unchecked")
    private void copyTo(CompletableFuture<R> view) {
        if (state == SUCCEEDED) {
            view.complete((R) outcome);
        } else {
            view.completeExceptionally((Throwable) outcome);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + status() + "]";
    }
}
