package io.github.execmodels.async;

/** Follows a task, but a cancellation of the shield does not reach it. */
final class ShieldTask<R> extends AsyncTask<R> implements Continuation {

    ShieldTask(EventLoop loop, AsyncTask<?> inner) {
        super(loop, true);
        inner.addCallback(this);
    }

    @Override
    public void onDone(AsyncTask<?> source) {
        if (!isDone()) {
            completeLike(source);
        }
    }

    @Override
    void doCancel() {
        completeCancelled();
    }
}
