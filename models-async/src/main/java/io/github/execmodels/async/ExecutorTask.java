package io.github.execmodels.async;

import io.github.execmodels.Job;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/** Runs a blocking job on an executor and resumes on the loop. */
final class ExecutorTask<R> extends AsyncTask<R> {

    private final Future<?> future;

    ExecutorTask(EventLoop loop, ExecutorService executor, Job<R> job) {
        super(loop, true);
        this.future = executor.submit(() -> {
            Object value;
            Throwable failure = null;
            try {
                value = job.call();
            } catch (Throwable e) {
                value = null;
                failure = e;
            }
            Object v = value;
            Throwable f = failure;
            try {
                loop.callSoonThreadSafe(() -> {
                    if (f == null) {
                        completeValue(v);
                    } else {
                        completeFailure(f);
                    }
                });
            } catch (RejectedExecutionException closed) {
                // the loop is gone
            }
        });
    }

    @Override
    void doCancel() {
        future.cancel(true);
        completeCancelled();
    }
}
