package io.github.execmodels.async;

import io.github.execmodels.Task;

/** Acquires (a lock, a permit), runs a coroutine, then releases, whatever happens, exactly once if acquired. */
final class Guarded<R> extends AsyncTask<R> implements Continuation {

    private final Coroutine<R> body;
    private final Runnable release;
    private boolean acquired;

    Guarded(EventLoop loop, AsyncTask<?> acquire, Coroutine<R> body, Runnable release) {
        super(loop, true);
        this.body = body;
        this.release = release;
        this.awaiting = acquire;
        acquire.addCallback(this);
    }

    @Override
    public void onDone(AsyncTask<?> source) {
        if (!acquired) {
            if (source.failureRaw() != null) {
                completeLike(source);
                return;
            }
            acquired = true;
            if (mustCancel || isDone()) {
                release.run();
                completeCancelled();
                return;
            }
            Task<? extends R> task;
            try {
                task = body.call();
                if (task == null) {
                    throw new NullPointerException("the coroutine returned null instead of a task");
                }
            } catch (Throwable e) {
                release.run();
                completeFailure(e);
                return;
            }
            AsyncTask<?> inner = loop.adapt(task);
            awaiting = inner;
            inner.addCallback(this);
            return;
        }
        release.run();
        completeLike(source);
    }
}
