package io.github.execmodels.async;

import io.github.execmodels.internal.Timeouts;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.TaskTimeoutException;
import java.time.Duration;

/** Follows a task; on timeout cancels it, waits for it to unwind, and fails with TaskTimeoutException. */
final class WaitForTask<R> extends AsyncTask<R> implements Continuation, Runnable {

    private final AsyncTask<?> inner;
    private final Duration timeout;
    private final TimerHandle timer;
    private boolean timedOut;

    WaitForTask(EventLoop loop, AsyncTask<?> inner, Duration timeout) {
        super(loop, true);
        this.inner = inner;
        this.timeout = timeout;
        this.awaiting = inner;
        this.timer = loop.scheduleTimer(loop.nanoTime() + Math.max(0, Timeouts.clampedNanos(timeout)), this);
        inner.addCallback(this);
    }

    @Override
    public void run() {
        if (isDone() || inner.isDone()) {
            return;
        }
        timedOut = true;
        inner.cancelOnLoop();
    }

    @Override
    public void onDone(AsyncTask<?> source) {
        timer.cancelOnLoop();
        if (isDone()) {
            return;
        }
        if (timedOut && source.failureRaw() != null && !cancelRequested) {
            completeFailure(new TaskTimeoutException("not done within " + timeout + ": the task was cancelled",
                    timeout, TaskFailedException.NO_INDEX));
            return;
        }
        completeLike(source);
    }
}
