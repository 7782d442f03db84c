package io.github.execmodels.async;

import io.github.execmodels.Task;

/** A coroutine started on the loop: its first step runs on a later turn, then it follows the task it returned. */
final class SpawnedTask<R> extends AsyncTask<R> implements Continuation, Runnable {

    private Coroutine<R> body;

    SpawnedTask(EventLoop loop, Coroutine<R> body) {
        super(loop, false);
        this.body = body;
    }

    @Override
    public void run() {
        if (isDone()) {
            return;
        }
        if (!live) {
            loop.linkLive(this);
        }
        Coroutine<R> c = body;
        body = null;
        if (loop.isShuttingDown()) {
            completeCancelled();
            return;
        }
        markRunning();
        Task<? extends R> task;
        try {
            task = c.call();
        } catch (Throwable e) {
            completeFailure(e);
            return;
        }
        if (task == null) {
            completeFailure(new NullPointerException("the coroutine returned null instead of a task"));
            return;
        }
        AsyncTask<?> inner = loop.adapt(task);
        awaiting = inner;
        inner.addCallback(this);
    }

    @Override
    public void onDone(AsyncTask<?> source) {
        completeLike(source);
    }

    @Override
    public String toString() {
        Coroutine<R> c = body;
        return "SpawnedTask[" + status() + (c != null ? ", " + c : "") + "]";
    }
}
