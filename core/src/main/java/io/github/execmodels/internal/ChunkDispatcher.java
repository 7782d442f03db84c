package io.github.execmodels.internal;

import io.github.execmodels.Task;
import io.github.execmodels.TaskTimeoutException;
import io.github.execmodels.spi.BasicTask;
import io.github.execmodels.spi.Chunk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunks of one map in flight: starts them, hands back each as it completes, enforces the per-task timeout,
 * cancels them, and waits until cancelled work has really stopped.
 *
 * <p>Not thread safe: used by the map's own thread only; the tasks' completion callbacks reach it through a
 * concurrent queue.
 */
public final class ChunkDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ChunkDispatcher.class);

    /** How long a cancelled chunk may take to notice its interrupt before the map gives up on it. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** How often pending chunks are looked at when a per-task timeout is set (they may have started). */
    private static final long TIMEOUT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** A started chunk and its task. */
    public static final class InFlight {
        final Chunk chunk;
        final BasicTask<List<Object>> task;
        boolean cancelledByUs;
        /** Set by the map's thread once it has taken this chunk's completion from the dispatcher. */
        boolean completionTaken;

        InFlight(Chunk chunk, BasicTask<List<Object>> task) {
            this.chunk = chunk;
            this.task = task;
        }
    }

    private final Function<Chunk, BasicTask<List<Object>>> starter;
    private final Duration taskTimeout;
    private final boolean runOnCaller;
    private final LinkedBlockingQueue<InFlight> completions = new LinkedBlockingQueue<>();
    private final Map<Long, InFlight> inFlight = new LinkedHashMap<>();
    private final List<BasicTask<?>> cancelled = new ArrayList<>();

    /**
     * @param starter starts a chunk on the model
     * @param taskTimeout the per-chunk time limit, or {@code null}
     * @param runOnCaller whether the waiting thread may run chunks no worker has started yet
     */
    public ChunkDispatcher(Function<Chunk, BasicTask<List<Object>>> starter, Duration taskTimeout,
            boolean runOnCaller) {
        this.starter = starter;
        this.taskTimeout = taskTimeout;
        this.runOnCaller = runOnCaller;
    }

    public InFlight start(Chunk chunk) {
        InFlight flight = new InFlight(chunk, starter.apply(chunk));
        inFlight.put(chunk.firstIndex(), flight);
        flight.task.whenDone(() -> completions.add(flight));
        return flight;
    }

    public int size() {
        return inFlight.size();
    }

    /**
     * Returns the next chunk to complete, or {@code null} once {@code deadlineNanos} has passed.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value, or {@link Long#MAX_VALUE} for none
     */
    public InFlight awaitCompletion(long deadlineNanos) throws InterruptedException {
        while (true) {
            InFlight done = completions.poll();
            if (done == null && runOnCaller && runOnePendingHere()) {
                continue;
            }
            if (done == null) {
                long now = System.nanoTime();
                long untilDeadline = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - now;
                if (untilDeadline <= 0) {
                    return null;
                }
                long wait = Math.min(untilDeadline, enforceTaskTimeout(now));
                done = completions.poll(wait, TimeUnit.NANOSECONDS);
            }
            if (done != null) {
                inFlight.remove(done.chunk.firstIndex());
                return done;
            }
        }
    }

    /** Aborts chunks past their time; returns how long to wait before looking again. */
    private long enforceTaskTimeout(long now) {
        if (taskTimeout == null) {
            return Long.MAX_VALUE;
        }
        long limit = Timeouts.clampedNanos(taskTimeout);
        long wait = Long.MAX_VALUE;
        for (InFlight flight : inFlight.values()) {
            BasicTask<List<Object>> task = flight.task;
            if (task.isDone()) {
                continue;
            }
            if (!task.isRunning()) {
                wait = Math.min(wait, Math.min(limit, TIMEOUT_POLL_NANOS));
                continue;
            }
            long left = task.startNanos() + limit - now;
            if (left <= 0) {
                String what = flight.chunk.size() == 1 ? "element " + flight.chunk.firstIndex()
                        : "chunk of " + flight.chunk.size() + " elements from " + flight.chunk.firstIndex();
                task.abort(new TaskTimeoutException(what + " ran past its time limit of " + taskTimeout
                        + " and was stopped", taskTimeout, flight.chunk.firstIndex()));
                cancelled.add(task);
            } else {
                wait = Math.min(wait, left);
            }
        }
        return wait;
    }

    private boolean runOnePendingHere() {
        for (InFlight flight : inFlight.values()) {
            if (flight.task.status() == Task.Status.PENDING) {
                flight.task.run();
                return true;
            }
        }
        return false;
    }

    /** Cancels, with interruption, every chunk in flight whose first element comes after {@code index}. */
    public void cancelAfter(long index) {
        for (InFlight flight : inFlight.values()) {
            if (flight.chunk.firstIndex() > index && !flight.task.isDone()) {
                cancel(flight);
            }
        }
    }

    public void cancelAll() {
        for (InFlight flight : inFlight.values()) {
            if (!flight.task.isDone()) {
                cancel(flight);
            }
        }
    }

    private void cancel(InFlight flight) {
        flight.cancelledByUs = true;
        flight.task.cancel(true);
        cancelled.add(flight.task);
    }

    /**
     * Waits, bounded, until no chunk this dispatcher cancelled is still running, so that a map that throws
     * leaves nothing busy. Keeps the caller's interrupt flag.
     */
    public void awaitCancelledStopped() {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        try {
            for (BasicTask<?> task : cancelled) {
                while (true) {
                    try {
                        long left = deadline - System.nanoTime();
                        if (!task.awaitStopped(Duration.ofNanos(Math.max(0, left)))) {
                            log.warn("a cancelled task is still running after {}: its function does not respond to"
                                    + " interrupts", STOP_GRACE);
                            return;
                        }
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        } finally {
            cancelled.clear();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
