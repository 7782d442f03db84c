package io.github.execmodels.async;

import io.github.execmodels.Fn;
import io.github.execmodels.Task;
import java.util.concurrent.CancellationException;

/** A stage of a composition: it awaits its source, then (for compose) the task its function returned. */
final class Stage<T, U> extends AsyncTask<U> implements Continuation {

    static final int APPLY = 0;
    static final int COMPOSE = 1;
    static final int RECOVER = 2;
    static final int RECOVER_WITH = 3;
    static final int FINALLY = 4;

    private final int kind;
    private Fn<Object, Object> fn;
    private Runnable cleanup;
    private boolean second;

    @SuppressWarnings("unchecked")
    Stage(AsyncTask<T> source, int kind, Fn<?, ?> fn, Runnable cleanup) {
        super(source.loop, true);
        loop.checkInEventLoop("task composition");
        this.kind = kind;
        this.fn = (Fn<Object, Object>) fn;
        this.cleanup = cleanup;
        this.awaiting = source;
        source.addCallback(this);
    }

    @Override
    public void onDone(AsyncTask<?> source) {
        if (isDone()) {
            return;
        }
        if (second) {
            completeLike(source);
            return;
        }
        Throwable failure = source.failureRaw();
        if (failure == null && mustCancel) {
            failure = new CancellationException("task cancelled");
        }
        Fn<Object, Object> f = fn;
        fn = null;
        switch (kind) {
            case APPLY:
            case COMPOSE:
                if (failure != null) {
                    completeFailure(failure);
                    return;
                }
                apply(f, source.valueRaw());
                return;
            case RECOVER:
            case RECOVER_WITH:
                if (failure == null) {
                    completeValue(source.valueRaw());
                    return;
                }
                mustCancel = false;
                apply(f, failure);
                return;
            default:
                Runnable c = cleanup;
                cleanup = null;
                try {
                    c.run();
                } catch (Throwable e) {
                    if (failure == null) {
                        completeFailure(e);
                        return;
                    }
                    failure.addSuppressed(e);
                }
                if (failure == null) {
                    completeValue(source.valueRaw());
                } else {
                    completeFailure(failure);
                }
        }
    }

    private void apply(Fn<Object, Object> f, Object argument) {
        Object result;
        try {
            result = f.apply(argument);
        } catch (Throwable e) {
            completeFailure(e);
            return;
        }
        if (kind == APPLY || kind == RECOVER) {
            completeValue(result);
            return;
        }
        if (result == null) {
            completeFailure(new NullPointerException("the function of thenCompose/recoverWith returned null"));
            return;
        }
        AsyncTask<?> inner = loop.adapt((Task<?>) result);
        second = true;
        awaiting = inner;
        inner.addCallback(this);
    }
}
