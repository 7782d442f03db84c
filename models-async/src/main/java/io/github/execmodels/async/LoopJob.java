package io.github.execmodels.async;

import io.github.execmodels.Job;
import io.github.execmodels.spi.BasicTask;
import io.github.execmodels.spi.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/** A job given to the loop through the ExecutionModel face: it runs in one turn, or a chunk one element a turn. */
class LoopJob<R> extends BasicTask<R> {

    final EventLoop loop;
    private final Job<R> job;

    LoopJob(EventLoop loop, Job<R> job) {
        this.loop = loop;
        this.job = job;
    }

    /** Creates the task for {@code job}: a chunk of a map runs one element per turn. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <R> LoopJob<R> of(EventLoop loop, Job<R> job) {
        if (job instanceof Chunk) {
            return (LoopJob<R>) new ChunkJob(loop, (Chunk) job);
        }
        return new LoopJob<>(loop, job);
    }

    /** Runs on the loop. */
    void step() {
        if (!markStarted()) {
            return;
        }
        try {
            complete(job.call());
        } catch (Throwable e) {
            fail(e);
        }
    }

    /** The loop's entry point; BasicTask's own run() is for job-built tasks and is not used here. */
    final Step stepper = new Step(this, this::step);

    /**
     * What the loop runs for a job, a chunk's next element included; known by type so that a loop that closes can
     * reject what is left, and no caller of {@code map} waits for a chunk whose next step was dropped.
     */
    static final class Step implements Runnable {
        final LoopJob<?> job;
        private final Runnable action;

        Step(LoopJob<?> job, Runnable action) {
            this.job = job;
            this.action = action;
        }

        @Override
        public void run() {
            action.run();
        }

        @Override
        public String toString() {
            return job.toString();
        }
    }

    /** Called when the loop terminated before the job ran. */
    void rejectOnClose() {
        cancel(false);
        fail(new CancellationException("the event loop closed before the job ran"));
        markStopped(); // a chunk part-way through never runs its next element
    }

    @Override
    protected void beforeBlockingWait() {
        if (loop.inEventLoop()) {
            throw new IllegalStateException(AsyncTask.BLOCKING_ON_LOOP);
        }
    }

    @Override
    protected void onStop(boolean mayInterrupt) {
        // a running callback cannot be interrupted: a job stops when it returns, a chunk at its next element;
        // a job that never started was marked stopped by BasicTask already
    }

    @Override
    public String toString() {
        return "LoopJob[" + status() + ", " + job + "]";
    }

    /** A chunk of a map: one element per turn of the loop, so timers and other tasks interleave. */
    static final class ChunkJob extends LoopJob<List<Object>> {
        private final Chunk chunk;
        private final List<Object> results;
        private int next;
        private final Step element = new Step(this, this::element);

        ChunkJob(EventLoop loop, Chunk chunk) {
            super(loop, chunk);
            this.chunk = chunk;
            this.results = new ArrayList<>(chunk.size());
        }

        @Override
        void step() {
            if (!markStarted()) {
                return;
            }
            element();
        }

        private void element() {
            if (isDone()) {
                markStopped();
                return;
            }
            try {
                results.addAll(chunk.slice(next, next + 1).call());
            } catch (Throwable e) {
                fail(e);
                return;
            }
            next++;
            if (next < chunk.size()) {
                loop.callSoon(element);
            } else {
                complete(results);
            }
        }
    }
}
