package io.github.execmodels.internal;

import io.github.execmodels.Fn;
import io.github.execmodels.MapOptions;
import io.github.execmodels.Outcome;
import io.github.execmodels.Task;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.TaskTimeoutException;
import io.github.execmodels.internal.ChunkDispatcher.InFlight;
import io.github.execmodels.spi.Chunk;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * A blocking map over a list: {@link #results()} fails fast on the first failing element in input order,
 * {@link #outcomes()} runs every element. The chunks are dispatched in input order, at most
 * {@link MapSettings#maxChunksInFlight()} at a time, so that a failure stops the dispatch of everything after it.
 *
 * <p>Not thread safe: one per call, run by the calling thread.
 */
public final class OrderedMap {

    private final MapSettings settings;
    private final MapOptions options;
    private final Fn<?, ?> fn;
    private final List<?> elements;
    private final Object[] results;
    private final BitSet completed = new BitSet();
    private final ChunkSizer sizer;
    private final ChunkDispatcher dispatcher;
    private final long deadline;
    private long done;

    public OrderedMap(MapSettings settings, Fn<?, ?> fn, List<?> elements, MapOptions options) {
        this.settings = settings;
        this.options = options;
        this.fn = fn;
        this.elements = elements;
        this.results = new Object[elements.size()];
        this.sizer = settings.sizer(options);
        this.dispatcher = settings.dispatcher(options);
        this.deadline = options.timeout().map(Timeouts::deadlineAfter).orElse(Long.MAX_VALUE);
    }

    /** Runs the map and returns the results in input order, or throws for the first failing element. */
    @SuppressWarnings("unchecked")
    public <R> List<R> results() {
        run(false);
        return (List<R>) Collections.unmodifiableList(Arrays.asList(results));
    }

    /** Runs every element and returns one outcome per element, in input order. */
    @SuppressWarnings("unchecked")
    public <R> List<Outcome<R>> outcomes() {
        run(true);
        return (List<Outcome<R>>) (List<?>) Collections.unmodifiableList(Arrays.asList(results));
    }

    private void run(boolean outcomeMode) {
        int size = elements.size();
        int next = 0;
        TaskFailedException first = null;
        boolean finished = false;
        try {
            while (true) {
                while (first == null && next < size && dispatcher.size() < settings.maxChunksInFlight()) {
                    int chunkSize = sizer.next(size - next, size - next);
                    List<?> part = elements.subList(next, next + chunkSize);
                    // fail-fast chunks run in this JVM store their results straight into the results array
                    dispatcher.start(outcomeMode ? Chunk.outcomes(fn, part, next)
                            : Chunk.failFastInto(fn, part, next, results));
                    next += chunkSize;
                }
                if (dispatcher.size() == 0) {
                    break;
                }
                InFlight flight = dispatcher.awaitCompletion(deadline);
                if (flight == null) {
                    timedOut(outcomeMode);
                    finished = true;
                    return;
                }
                TaskFailedException failure = collect(flight, outcomeMode);
                if (failure != null && (first == null || failure.index() < first.index())) {
                    first = failure;
                    dispatcher.cancelAfter(failure.index());
                }
            }
            finished = true;
        } catch (InterruptedException e) {
            CancellationException cancelled = new CancellationException("map interrupted: its work was cancelled");
            cancelled.initCause(e);
            Thread.currentThread().interrupt();
            throw cancelled;
        } finally {
            if (!finished) {
                dispatcher.cancelAll();
            }
            dispatcher.awaitCancelledStopped();
        }
        if (first != null) {
            throw first;
        }
    }

    /** Stores a completed chunk's results; returns the failure of a fail-fast chunk, else {@code null}. */
    private TaskFailedException collect(InFlight flight, boolean outcomeMode) {
        Chunk chunk = flight.chunk;
        int from = (int) chunk.firstIndex();
        if (flight.task.status() == Task.Status.SUCCEEDED) {
            List<Object> values = flight.task.resultNow();
            if (values != Chunk.STORED) {
                for (int i = 0; i < values.size(); i++) {
                    results[from + i] = values.get(i);
                }
            }
            completed.set(from, from + chunk.size());
            sizer.record(chunk.size(), flight.task.elapsedNanos());
            progress(chunk.size());
            return null;
        }
        Throwable failure = ChunkFailures.of(flight.task);
        if (flight.cancelledByUs && failure instanceof CancellationException) {
            return null;
        }
        TaskFailedException indexed = ChunkFailures.indexed(failure, chunk);
        if (!outcomeMode) {
            return indexed;
        }
        for (int i = 0; i < chunk.size(); i++) {
            results[from + i] = Outcome.failure(from + i, i == 0 ? indexed : indexed.withIndex(from + i));
        }
        completed.set(from, from + chunk.size());
        progress(chunk.size());
        return null;
    }

    private void timedOut(boolean outcomeMode) {
        dispatcher.cancelAll();
        Duration timeout = options.timeout().orElseThrow();
        long firstUnfinished = completed.nextClearBit(0);
        if (!outcomeMode) {
            throw new TaskTimeoutException("map did not complete within " + timeout + ": " + done + " of "
                    + elements.size() + " elements done, the rest cancelled", timeout, firstUnfinished);
        }
        for (int i = completed.nextClearBit(0); i < results.length; i = completed.nextClearBit(i + 1)) {
            results[i] = Outcome.failure(i, new TaskTimeoutException("map did not complete within " + timeout
                    + "; element " + i + " was cancelled", timeout, i));
        }
    }

    private void progress(int elementsDone) {
        done += elementsDone;
        options.progress().ifPresent(listener -> listener.onProgress(done, elements.size()));
    }
}
