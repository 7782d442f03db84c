package io.github.execmodels.process.internal;

import io.github.execmodels.Job;
import io.github.execmodels.spi.BasicTask;
import io.github.execmodels.spi.Chunk;
import java.time.Duration;
import java.util.List;

/**
 * A job on its way to, in, or back from a worker process. Its fields other than the result are guarded by the
 * pool's lock.
 *
 * <p>Thread safe through the pool's lock and {@link BasicTask}.
 */
public final class ProcessTask extends BasicTask<Object> {

    final WorkerPool pool;
    final long id;
    final Job<?> job;
    final byte[] payload;
    final Duration timeout;
    /** The task this one re-runs an element of, after that task's worker died; else null. */
    final ProcessTask parent;
    final int childIndex;

    // guarded by pool.lock
    WorkerProcess worker;
    int attempts;
    /**
     * The results of a chunk received so far. Written by the reader thread of the worker that holds the task,
     * without the lock (decoding and boxing a slice must not hold up dispatch); read by that thread, or under the
     * lock once the task has left its worker.
     */
    ChunkResults partial;
    /** For a chunk re-run element by element: the elements' outcomes, and how many are still missing. */
    Object[] childResults;
    ProcessTask[] children;
    int childrenLeft;
    /** The timer of this task's time limit while it runs, or null. */
    java.util.concurrent.ScheduledFuture<?> timer;
    /** The time the worker spent computing this task's results, as it reported it. */
    volatile long workerNanos;

    ProcessTask(WorkerPool pool, long id, Job<?> job, byte[] payload, Duration timeout, ProcessTask parent,
            int childIndex) {
        this.pool = pool;
        this.id = id;
        this.job = job;
        this.payload = payload;
        this.timeout = timeout;
        this.parent = parent;
        this.childIndex = childIndex;
    }

    Chunk chunk() {
        return job instanceof Chunk ? (Chunk) job : null;
    }

    int received() {
        return partial == null ? 0 : partial.size();
    }

    void addPartial(List<?> values) {
        if (partial == null) {
            Chunk chunk = chunk();
            partial = chunk != null ? new ChunkResults(chunk.size(), FastValues.resultStore(chunk), chunk.resultsIndex())
                    : new ChunkResults(values.size(), null, 0);
        }
        partial.addAll(values);
    }

    /** Cancels the timer of the time limit: a finished task must not stay reachable until it would have fired. */
    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    boolean begin() {
        return markStarted();
    }

    void stopped() {
        markStopped();
    }

    /**
     * Returns the time the worker spent computing, when it reported one: what sizes the next chunks of a map. The
     * round trip through the channel is left out, so that the first small chunks of a map do not make every element
     * look slow.
     */
    @Override
    public long elapsedNanos() {
        long worker = workerNanos;
        long total = super.elapsedNanos();
        return worker > 0 && total > 0 ? Math.min(total, worker) : total;
    }

    @Override
    protected void onStop(boolean mayInterrupt) {
        pool.stop(this, mayInterrupt);
    }

    @Override
    public String toString() {
        return "ProcessTask[" + id + ", " + job.getClass().getSimpleName() + ", " + status() + "]";
    }
}
