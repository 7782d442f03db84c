package io.github.execmodels.async;

import io.github.execmodels.Task;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/** Follows a task that is not this loop's (another model's, another loop's): its completion hops onto the loop. */
final class ForeignTask<R> extends AsyncTask<R> {

    private final Task<?> foreign;

    ForeignTask(EventLoop loop, Task<?> foreign) {
        super(loop, true);
        this.foreign = foreign;
        foreign.toCompletableFuture().whenComplete((value, failure) -> {
            try {
                loop.callSoonThreadSafe(() -> {
                    if (failure == null) {
                        completeValue(value);
                    } else {
                        completeFailure(failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure);
                    }
                });
            } catch (RejectedExecutionException closed) {
                // the loop is gone
            }
        });
    }

    @Override
    void doCancel() {
        foreign.cancel(true);
        completeCancelled();
    }
}
