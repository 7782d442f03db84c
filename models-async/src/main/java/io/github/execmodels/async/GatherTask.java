package io.github.execmodels.async;

import io.github.execmodels.Outcome;
import io.github.execmodels.Task;
import io.github.execmodels.TaskFailedException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;

/** Waits for every child; results in input order; fail fast unless it collects outcomes. */
final class GatherTask<T> extends AsyncTask<List<T>> {

    private final AsyncTask<?>[] children;
    private final Object[] results;
    private final boolean outcomes;
    private int remaining;

    GatherTask(EventLoop loop, List<? extends Task<?>> tasks, boolean outcomes) {
        super(loop, true);
        this.outcomes = outcomes;
        int n = tasks.size();
        this.children = new AsyncTask<?>[n];
        this.results = new Object[n];
        this.remaining = n;
        for (int i = 0; i < n; i++) {
            Task<?> t = tasks.get(i);
            if (t == null) {
                throw new NullPointerException("tasks[" + i + "]");
            }
            children[i] = loop.adapt(t);
        }
        if (n == 0) {
            completeValue(List.of());
            return;
        }
        for (int i = 0; i < n; i++) {
            children[i].addCallback(new Slot(this, i));
        }
    }

    private static final class Slot implements Continuation {
        private final GatherTask<?> gather;
        private final int index;

        Slot(GatherTask<?> gather, int index) {
            this.gather = gather;
            this.index = index;
        }

        @Override
        public void onDone(AsyncTask<?> source) {
            gather.childDone(index, source);
        }
    }

    void childDone(int index, AsyncTask<?> child) {
        remaining--;
        if (isDone()) {
            return;
        }
        Throwable failure = child.failureRaw();
        if (outcomes) {
            results[index] = failure == null ? Outcome.success(index, child.valueRaw())
                    : Outcome.failure(index, failure instanceof TaskFailedException
                            ? ((TaskFailedException) failure).withIndex(index)
                            : TaskFailedException.atIndex(index, failure));
        } else if (failure != null) {
            if (!cancelRequested) {
                completeFailure(failure);
                return;
            }
        } else {
            results[index] = child.valueRaw();
        }
        if (remaining == 0) {
            if (cancelRequested) {
                completeCancelled();
            } else {
                completeValue(Collections.unmodifiableList(Arrays.asList(results)));
            }
        }
    }

    @Override
    void doCancel() {
        boolean delivered = false;
        for (AsyncTask<?> child : children) {
            if (child.cancelOnLoop()) {
                delivered = true;
            }
        }
        if (!delivered && remaining == 0) {
            completeFailure(new CancellationException("gather cancelled"));
        }
    }

    @Override
    public String toString() {
        return "Gather[" + status() + ", " + (children.length - remaining) + "/" + children.length + " done]";
    }
}
