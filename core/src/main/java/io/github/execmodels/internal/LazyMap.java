package io.github.execmodels.internal;

import io.github.execmodels.Fn;
import io.github.execmodels.MapOptions;
import io.github.execmodels.Outcome;
import io.github.execmodels.Task;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.TaskTimeoutException;
import io.github.execmodels.internal.ChunkDispatcher.InFlight;
import io.github.execmodels.spi.Chunk;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazy map ({@code imap}, {@code imapUnordered}): an iterator that reads the input only as far as its window
 * allows (elements read and not yet handed to the consumer), keeps chunks of them in flight, and yields results
 * in input order or in completion order. Closing it cancels what is in flight.
 *
 * <p>Not thread safe: one consumer thread, as a sequential stream has.
 */
public final class LazyMap implements Iterator<Object>, AutoCloseable {

    private final MapSettings settings;
    private final MapOptions options;
    private final Fn<?, ?> fn;
    private final Iterator<?> input;
    private final boolean ordered;
    private final int window;
    private final ChunkSizer sizer;
    private final ChunkDispatcher dispatcher;
    private final long deadline;
    /** Chunks started, in input order, until their results are taken (ordered mode only). */
    private final ArrayDeque<InFlight> order = new ArrayDeque<>();
    private final ArrayDeque<List<Object>> ready = new ArrayDeque<>();
    private int readyPosition;
    private long nextIndex;
    private long readAhead;
    private long yielded;
    private boolean inputDone;
    private boolean closed;
    /** The failure of an element whose chunk's earlier successes are still to be yielded first. */
    private TaskFailedException failureAfterReady;

    private LazyMap(MapSettings settings, Fn<?, ?> fn, Iterable<?> data, MapOptions options, boolean ordered) {
        this.settings = settings;
        this.options = options;
        this.fn = fn;
        this.input = data.iterator();
        this.ordered = ordered;
        this.window = options.window().orElse(settings.defaultWindow());
        this.sizer = settings.sizer(options);
        this.dispatcher = settings.dispatcher(options);
        this.deadline = options.timeout().map(Timeouts::deadlineAfter).orElse(Long.MAX_VALUE);
    }

    /** Returns a stream over a new lazy map; closing the stream cancels the work in flight. */
    @SuppressWarnings("unchecked")
    public static <R> Stream<R> stream(MapSettings settings, Fn<?, ?> fn, Iterable<?> data, MapOptions options,
            boolean ordered) {
        LazyMap map = new LazyMap(settings, fn, data, options, ordered);
        Spliterator<Object> spliterator = Spliterators.spliteratorUnknownSize(map,
                ordered ? Spliterator.ORDERED : 0);
        return (Stream<R>) StreamSupport.stream(spliterator, false).onClose(map::close);
    }

    @Override
    public boolean hasNext() {
        while (!closed && ready.isEmpty()) {
            if (failureAfterReady != null) {
                close();
                throw failureAfterReady;
            }
            fill();
            if (dispatcher.size() == 0 && order.isEmpty()) {
                close();
                break;
            }
            try {
                awaitResults();
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                CancellationException cancelled = new CancellationException("imap interrupted: its work was cancelled");
                cancelled.initCause(e);
                throw cancelled;
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<Object> batch = ready.peekFirst();
        Object value = batch.get(readyPosition++);
        if (readyPosition == batch.size()) {
            ready.removeFirst();
            readyPosition = 0;
        }
        readAhead--;
        yielded++;
        options.progress().ifPresent(listener -> listener.onProgress(yielded, -1));
        return value;
    }

    private void fill() {
        while (!inputDone && readAhead < window && inFlightChunks() < settings.maxChunksInFlight()) {
            int size = sizer.next(-1, window - readAhead);
            List<Object> part = new ArrayList<>(Math.min(size, 1024));
            while (part.size() < size && input.hasNext()) {
                part.add(input.next());
            }
            if (part.size() < size) {
                inputDone = true;
            }
            if (part.isEmpty()) {
                return;
            }
            // outcomes, not fail-fast: the elements before a failing one in the same chunk are yielded first
            InFlight flight = dispatcher.start(Chunk.outcomes(fn, part, nextIndex));
            if (ordered) {
                order.addLast(flight);
            }
            nextIndex += part.size();
            readAhead += part.size();
        }
    }

    private int inFlightChunks() {
        return ordered ? order.size() : dispatcher.size();
    }

    private void awaitResults() throws InterruptedException {
        InFlight next;
        if (ordered) {
            next = order.peekFirst();
            while (!next.completionTaken) {
                record(awaitCompletion());
            }
            order.removeFirst();
        } else {
            next = awaitCompletion();
            record(next);
        }
        take(next);
    }

    private InFlight awaitCompletion() throws InterruptedException {
        InFlight flight = dispatcher.awaitCompletion(deadline);
        if (flight == null) {
            throw timedOut();
        }
        return flight;
    }

    private void record(InFlight flight) {
        flight.completionTaken = true;
        if (flight.task.status() == Task.Status.SUCCEEDED) {
            sizer.record(flight.chunk.size(), flight.task.elapsedNanos());
        }
    }

    private void take(InFlight flight) {
        if (flight.task.status() == Task.Status.SUCCEEDED) {
            List<Object> outcomes = flight.task.resultNow();
            List<Object> values = new ArrayList<>(outcomes.size());
            for (Object each : outcomes) {
                Outcome<?> outcome = (Outcome<?>) each;
                if (!outcome.isSuccess()) {
                    failureAfterReady = outcome.failure();
                    break;
                }
                values.add(outcome.value());
            }
            if (!values.isEmpty()) {
                ready.addLast(values);
            }
            return;
        }
        throw ChunkFailures.indexed(ChunkFailures.of(flight.task), flight.chunk);
    }

    private TaskTimeoutException timedOut() {
        return new TaskTimeoutException("imap did not complete within " + options.timeout().orElseThrow() + ": "
                + yielded + " results yielded, the rest cancelled", options.timeout().orElseThrow(), yielded);
    }

    /** Cancels the work in flight and waits, bounded, until it has stopped. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ready.clear();
        dispatcher.cancelAll();
        dispatcher.awaitCancelledStopped();
    }
}
