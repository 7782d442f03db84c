package io.github.execmodels.process.internal;

import io.github.execmodels.Outcome;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.TaskTimeoutException;
import io.github.execmodels.WorkerCrashedException;
import io.github.execmodels.spi.Chunk;
import io.github.execmodels.spi.Serializability;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of the work of a worker that died: a task is run again (up to {@code retries}) or fails with a
 * {@link WorkerCrashedException}; the unfinished elements of a chunk are run again one by one (at least once: the
 * element that was running when the worker died runs again), and their results assembled into the chunk's; the
 * work of a worker that never got ready fails with the cause of its failed start.
 *
 * <p>Thread safe: methods named {@code ...Locked} are called with the pool's lock held; the others take it.
 */
final class CrashRecovery {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    private final WorkerPool pool;
    private final String poolName;
    private final PoolSettings settings;
    private final Object lock;
    private final ArrayDeque<ProcessTask> queue;

    CrashRecovery(WorkerPool pool, String poolName, PoolSettings settings, Object lock, ArrayDeque<ProcessTask> queue) {
        this.pool = pool;
        this.poolName = poolName;
        this.settings = settings;
        this.lock = lock;
        this.queue = queue;
    }

    /** Completes a task, or for an element re-run after a crash, gives its result to the chunk it came from. */
    void finish(ProcessTask task, Object value, Throwable failure) {
        if (task.parent == null) {
            if (failure == null) {
                task.complete(value);
            } else {
                task.fail(failure);
            }
            return;
        }
        ProcessTask parent = task.parent;
        boolean complete;
        synchronized (lock) {
            task.stopped();
            if (parent.childResults == null) {
                return;
            }
            parent.childResults[task.childIndex] = failure != null ? failure : ((List<?>) value).get(0);
            complete = --parent.childrenLeft == 0;
        }
        if (complete) {
            assemble(parent);
        }
    }

    /** All elements of a crashed chunk have been re-run: complete the chunk's task. */
    private void assemble(ProcessTask task) {
        Chunk chunk = task.chunk();
        List<Object> all;
        Object[] rest;
        synchronized (lock) {
            all = task.partial == null ? new ArrayList<>() : new ArrayList<>(task.partial);
            rest = task.childResults;
            task.childResults = null;
            task.children = null;
            task.partial = null;
        }
        TaskFailedException first = null;
        for (int i = 0; i < rest.length; i++) {
            Object r = rest[i];
            long index = chunk.firstIndex() + (chunk.size() - rest.length) + i;
            if (r instanceof Throwable) {
                TaskFailedException failure = indexed((Throwable) r, index);
                if (chunk.isOutcomes()) {
                    all.add(Outcome.failure(index, failure));
                } else if (first == null) {
                    first = failure;
                }
            } else {
                all.add(r);
            }
        }
        if (first != null) {
            task.fail(first);
        } else {
            task.complete(all);
        }
    }

    private static TaskFailedException indexed(Throwable failure, long index) {
        if (failure instanceof TaskFailedException) {
            TaskFailedException f = (TaskFailedException) failure;
            return f.index() == TaskFailedException.NO_INDEX ? f.withIndex(index) : f;
        }
        return TaskFailedException.atIndex(index, failure);
    }

    /** Why a worker that was never ready ended: its initializer threw or timed out, or it died or was killed. */
    TaskFailedException startCause(WorkerProcess w, int exit, List<String> tail) {
        if (w.initFailure != null) {
            return new TaskFailedException("the worker initializer failed: " + w.initFailure, w.initFailure);
        }
        if (w.exitReason == ExitReason.TIMED_OUT) {
            return new TaskTimeoutException("worker " + w.number + " (pid " + w.pid + ") was killed: "
                    + w.killReason, settings.taskTimeout(), TaskFailedException.NO_INDEX);
        }
        return crash("worker " + w.number + " (pid " + w.pid + ") failed to start"
                + (w.killReason == null ? "" : ": it was killed: " + w.killReason), TaskFailedException.NO_INDEX, exit,
                tail);
    }

    /** Decides what becomes of the task a worker was running when it died. */
    void crashedLocked(ProcessTask task, WorkerProcess w, int exit, List<String> tail, String why,
            List<Completion> outcomes) {
        Chunk chunk = task.chunk();
        int received = task.received();
        int unfinished = chunk == null ? 1 : chunk.size() - received;
        // a chunk that delivered some results is never sent again whole: that would deliver them twice
        boolean retryRest = chunk != null && unfinished == 1 && received > 0 && task.attempts < settings.retries();
        if (chunk != null && (unfinished > 1 || retryRest)) {
            // run the unfinished elements again one by one, so the one that kills its worker is found and the
            // others get their results
            log.info("{}: re-running the {} unfinished element(s) of {} one by one", poolName, unfinished, chunk);
            task.childResults = new Object[unfinished];
            task.children = new ProcessTask[unfinished];
            task.childrenLeft = unfinished;
            for (int i = unfinished - 1; i >= 0; i--) {
                Chunk one = chunk.slice(received + i, received + i + 1);
                byte[] payload = Serializability.encodeOrExplain(settings.codec()::encode, one, "an element",
                        "a worker process");
                ProcessTask child = new ProcessTask(pool, pool.nextId(), one, payload, null, task, i);
                if (retryRest) {
                    child.attempts = task.attempts + 1;
                }
                task.children[i] = child;
                queue.addFirst(child);
            }
            return;
        }
        if (task.attempts < settings.retries()) {
            task.attempts++;
            log.info("{}: running {} again after its worker died (attempt {} of {})", poolName, task,
                    task.attempts + 1, settings.retries() + 1);
            queue.addFirst(task);
            return;
        }
        long index = chunk == null ? TaskFailedException.NO_INDEX : chunk.firstIndex() + received;
        String what = chunk == null ? "the task" : "element " + index;
        WorkerCrashedException crash = crash(what + " failed: worker " + w.number + " (pid " + w.pid + ") "
                + (why != null ? "was killed: " + why : "died") + " while running it", index, exit, tail);
        if (chunk != null && chunk.isOutcomes() && task.parent == null) {
            List<Object> all = task.partial == null ? new ArrayList<>() : new ArrayList<>(task.partial);
            task.partial = null;
            all.add(Outcome.failure(index, crash));
            outcomes.add(new Completion(task, all, null));
        } else {
            task.partial = null;
            outcomes.add(new Completion(task, null, crash));
        }
    }

    private static WorkerCrashedException crash(String message, long index, int exit, List<String> tail) {
        int signal = exit > 128 && exit < 160 ? exit - 128 : 0;
        return new WorkerCrashedException(message + " (exit code " + exit + (signal > 0 ? ", signal " + signal : "")
                + (tail.isEmpty() ? "" : "; last stderr line: " + tail.get(tail.size() - 1)) + ")", index, exit,
                signal, tail);
    }

    /** The failure of a task that no worker could take because workers fail to start. */
    static Throwable startFailure(ProcessTask task, Throwable why) {
        Throwable failure = why instanceof TaskFailedException ? (TaskFailedException) why
                : new TaskFailedException("no worker process could start: " + why.getMessage(), why);
        Chunk chunk = task.chunk();
        if (chunk == null) {
            return failure;
        }
        return failure instanceof WorkerCrashedException
                ? ((WorkerCrashedException) failure).withIndex(chunk.firstIndex())
                : TaskFailedException.atIndex(chunk.firstIndex(), failure.getCause() != null ? failure.getCause()
                        : failure);
    }
}
