package io.github.execmodels.threads.internal;

import io.github.execmodels.Job;
import io.github.execmodels.spi.BasicTask;
import java.util.concurrent.RunnableFuture;

/**
 * The task of a job run by a {@link WorkerPool}. Waiting for it from one of the pool's own threads before it has
 * started runs it right there, so that a pool of one thread cannot deadlock on {@code submit(...).join()}.
 *
 * <p>Thread safe.
 *
 * @param <R> the result type
 */
public final class PoolTask<R> extends BasicTask<R> implements RunnableFuture<R> {

    private final WorkerPool pool;

    PoolTask(Job<? extends R> job, WorkerPool pool) {
        super(job);
        this.pool = pool;
    }

    @Override
    protected void beforeBlockingWait() {
        if (status() == Status.PENDING && pool.isCurrentThreadOurs()) {
            run();
        }
    }

    /** The entry that carries a model task to the executor; abandoning it cancels the task. */
    static final class TaskEntry extends Entry {
        private final PoolTask<?> task;

        TaskEntry(PoolTask<?> task) {
            this.task = task;
        }

        @Override
        void body() {
            task.run();
        }

        @Override
        void abandoned() {
            task.cancel(false);
        }
    }
}
