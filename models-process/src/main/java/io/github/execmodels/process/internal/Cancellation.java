package io.github.execmodels.process.internal;

import io.github.execmodels.Task;
import io.github.execmodels.TaskTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops tasks that were cancelled or timed out, wherever they are: still queued in the parent (forgotten), handed
 * to a worker but not written (forgotten), in the worker's queue (a {@code CANCEL} frame: the worker drops it, or,
 * if it has just taken it, does not begin it), running (interrupted; the worker is killed if the task has not
 * stopped after {@link #CANCEL_GRACE_MILLIS}), or timed out (the worker is killed at once). Every cancel of a task
 * that may have started ends with the task stopped or its worker killed.
 *
 * <p>Thread safe: methods named {@code ...Locked} are called with the pool's lock held; the others take it.
 */
final class Cancellation {

    /** How long a cancelled running task may take to answer its interrupt before its worker is killed. */
    static final long CANCEL_GRACE_MILLIS = 1_000;

    private final WorkerPool pool;
    private final Object lock;
    private final ArrayDeque<ProcessTask> queue;

    Cancellation(WorkerPool pool, Object lock, ArrayDeque<ProcessTask> queue) {
        this.pool = pool;
        this.lock = lock;
        this.queue = queue;
    }

    /**
     * Whether {@code task} is still the one {@code w} runs (checked under the lock: timers act on it). A worker
     * that is not ready runs nothing yet: a cancel reaches it before the task can start, or the kill is armed
     * again when it gets ready.
     */
    boolean isRunningOn(ProcessTask task, WorkerProcess w) {
        synchronized (lock) {
            return !w.dead && w.ready && w.assigned.peekFirst() == task;
        }
    }

    /** Stops a task that was cancelled or timed out (called by the task once). */
    void stop(ProcessTask task, boolean mayInterrupt) {
        // the children are cancelled and the kill is made outside the pool's lock: both call back into the pool
        WorkerProcess killNow = null;
        String killWhy = null;
        WorkerProcess cancelOn = null;
        List<ProcessTask> children = List.of();
        synchronized (lock) {
            if (task.children != null) {
                children = new ArrayList<>(Arrays.asList(task.children));
                task.childResults = null;
                task.children = null;
                task.stopped();
            } else if (queue.remove(task)) {
                task.stopped();
                return;
            } else {
                WorkerProcess w = task.worker;
                if (w == null) {
                    task.stopped();
                    return;
                }
                if (w.assigned.peekFirst() != task) {
                    if (w.outbox.remove(task)) {
                        // never written: forget it
                        w.assigned.remove(task);
                        task.worker = null;
                        task.stopped();
                        return;
                    }
                    cancelOn = w; // in the worker's queue: it drops it and answers CANCELLED
                } else if (task.status() == Task.Status.FAILED && task.exceptionNow() instanceof TaskTimeoutException) {
                    killNow = w;
                    killWhy = "timed out: " + task.exceptionNow().getMessage();
                } else if (mayInterrupt) {
                    cancelOn = w; // interrupts the task; the worker is killed if the task ignores that
                    armCancelKillLocked(task, w);
                }
            }
        }
        for (ProcessTask child : children) {
            if (child != null) {
                child.cancel(true);
            }
        }
        if (cancelOn != null) {
            cancelOn.sendControl(Frames.CANCEL, task.id);
        }
        if (killNow != null) {
            pool.kill(killNow, ExitReason.TIMED_OUT, killWhy);
        }
    }

    /** Kills {@code w} if it still runs the cancelled {@code task} after the grace period. */
    void armCancelKillLocked(ProcessTask task, WorkerProcess w) {
        pool.schedule(() -> {
            if (isRunningOn(task, w)) {
                pool.kill(w, ExitReason.CANCELLED, "cancelled task ignored its interrupt for " + CANCEL_GRACE_MILLIS
                        + " ms");
            }
        }, TimeUnit.MILLISECONDS.toNanos(CANCEL_GRACE_MILLIS));
    }
}
