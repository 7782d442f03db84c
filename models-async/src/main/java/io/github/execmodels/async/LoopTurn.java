package io.github.execmodels.async;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * One turn of an {@link EventLoop}, and everything a turn touches: the thread-safe inbox, the ready queue, the
 * microtask queue of task completions, the timer heap and the selector.
 *
 * <p>A turn moves the inbox into the ready queue, reads the clock once, moves every due timer into the ready queue
 * (so a busy queue cannot starve timers), and if nothing is ready sleeps on the selector until the next deadline or
 * a wake-up; it handles the sockets that are ready, then runs the callbacks that were ready when it began (one
 * scheduled during the turn waits for the next). The completions of tasks run their continuations from the
 * microtask queue right after the callback that completed them.
 *
 * <p>Only {@link #offer(Runnable)} may be called from other threads; everything else is the loop thread's.
 */
final class LoopTurn {

    /** Size of the loop's I/O buffers, shared by its connections (the loop does one I/O at a time). */
    static final int IO_BUFFER_SIZE = 64 * 1024;

    final ArrayDeque<Runnable> ready = new ArrayDeque<>(1024);
    final TimerHeap timers = new TimerHeap();
    final UnretrievedFailures unretrieved = new UnretrievedFailures();
    final Selector selector;
    /** Channels registered with the selector; while there are none, a busy turn need not poll it. */
    int registeredChannels;

    private final Ticker ticker;
    private final Logger log;
    private final boolean debug;
    private final long slowCallbackNanos;
    private final String threadName;
    private final ArrayDeque<Object> microtasks = new ArrayDeque<>(256);
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Consumer<SelectionKey> keyHandler = this::handleKey;
    private volatile boolean sleeping;
    private long timerSequence;
    private long recent;
    private boolean recentStale = true;
    private ByteBuffer ioBuffer;
    private byte[] readScratch;

    /** Whether debug mode is on (coroutine bodies that block are reported too). */
    boolean debug() {
        return debug;
    }

    /** What debug mode calls slow, in nanoseconds. */
    long slowCallbackNanos() {
        return slowCallbackNanos;
    }

    LoopTurn(Selector selector, Ticker ticker, Logger log, boolean debug, long slowCallbackNanos, String threadName) {
        this.selector = selector;
        this.ticker = ticker;
        this.log = log;
        this.debug = debug;
        this.slowCallbackNanos = slowCallbackNanos;
        this.threadName = threadName;
    }

    // ---- queues

    /** Queues {@code r} from any thread and wakes the selector if the loop sleeps on it. */
    void offer(Runnable r) {
        inbox.offer(r);
        if (sleeping && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Takes back {@code r} if the loop has not taken it yet; any thread. */
    boolean withdraw(Runnable r) {
        return inbox.remove(r);
    }

    void microtask(Object item) {
        microtasks.add(item);
    }

    boolean hasReadyWork() {
        return !ready.isEmpty() || !inbox.isEmpty() || !microtasks.isEmpty();
    }

    TimerHandle addTimer(TimerHandle handle) {
        handle.sequence = timerSequence++;
        timers.add(handle);
        return handle;
    }

    /** Hands each callback still queued, in the inbox or ready, to {@code leftOver}, and empties the queues. */
    void drainLeftOver(Consumer<Runnable> leftOver) {
        Runnable r;
        while ((r = inbox.poll()) != null) {
            leftOver.accept(r);
        }
        for (Runnable left : ready) {
            leftOver.accept(left);
        }
        ready.clear();
        timers.clear();
    }

    // ---- the turn

    /**
     * Runs one turn.
     *
     * @param closing whether the loop is shutting down (it then looks at its tasks at least every 100 ms)
     */
    void run(boolean closing) throws IOException {
        recentStale = true;
        drainInbox();
        long now = ticker.nanoTime();
        timers.moveDue(now, ready);
        if (ready.isEmpty()) {
            long waitMillis = 0; // 0: until woken
            if (!timers.isEmpty()) {
                long delta = timers.peekDeadline() - now;
                waitMillis = Math.max(1, (delta + 999_999) / 1_000_000);
            }
            if (!unretrieved.isEmpty() || closing) {
                long cap = closing ? 100 : 1000;
                waitMillis = waitMillis == 0 ? cap : Math.min(waitMillis, cap);
            }
            sleeping = true;
            recentStale = true;
            try {
                if (inbox.isEmpty()) {
                    selector.select(keyHandler, waitMillis);
                } else {
                    selector.selectNow(keyHandler);
                }
            } finally {
                sleeping = false;
                wakeupPending.set(false);
            }
            drainInbox();
            timers.moveDue(ticker.nanoTime(), ready);
        } else if (registeredChannels > 0) {
            selector.selectNow(keyHandler);
        }
        for (int n = ready.size(); n > 0; n--) {
            runOne(ready.poll());
        }
        if (!unretrieved.isEmpty()) {
            pollCollected();
        }
    }

    private void drainInbox() {
        Runnable r;
        while ((r = inbox.poll()) != null) {
            ready.add(r);
        }
    }

    /** Runs the handler of a selected key; the selector calls it during select, on the loop thread. */
    private void handleKey(SelectionKey key) {
        Object attachment = key.attachment();
        if (attachment instanceof IoHandler) {
            IoHandler handler = (IoHandler) attachment;
            try {
                handler.onReady(key);
            } catch (Throwable e) {
                reportCallbackFailure(handler, e);
            }
            if (!microtasks.isEmpty()) {
                drainMicrotasks();
            }
        }
    }

    private void runOne(Runnable r) {
        if (debug) {
            long start = ticker.nanoTime();
            invoke(r);
            long took = ticker.nanoTime() - start;
            if (took >= slowCallbackNanos) {
                log.warn(String.format("Executing %s took %.3f seconds", r, took / 1e9));
            }
        } else {
            invoke(r);
        }
    }

    private void invoke(Runnable r) {
        try {
            r.run();
        } catch (Throwable e) {
            reportCallbackFailure(r, e);
        }
        if (!microtasks.isEmpty()) {
            drainMicrotasks();
        }
    }

    void drainMicrotasks() {
        Object m;
        while ((m = microtasks.poll()) != null) {
            try {
                if (m instanceof AsyncTask) {
                    ((AsyncTask<?>) m).fireCallbacks();
                } else {
                    ((Runnable) m).run();
                }
            } catch (Throwable e) {
                reportCallbackFailure(m, e);
            }
        }
    }

    void reportCallbackFailure(Object callback, Throwable e) {
        log.error("Exception in callback " + callback + " on " + threadName, e);
    }

    void pollCollected() {
        unretrieved.poll(t -> log.error("Task exception was never retrieved: a " + t.description + " failed with "
                + t.failure + " and no one looked at it", t.failure));
    }

    // ---- what connections share

    /**
     * The loop's clock read at most once per turn (and again after the loop slept): for marking I/O activity,
     * where a few microseconds do not matter and a clock read per read would.
     */
    long recentNanos() {
        if (recentStale) {
            recent = ticker.nanoTime();
            recentStale = false;
        }
        return recent;
    }

    /** The direct buffer every socket read and small write goes through. */
    ByteBuffer ioBuffer() {
        ByteBuffer b = ioBuffer;
        if (b == null) {
            b = ByteBuffer.allocateDirect(IO_BUFFER_SIZE);
            ioBuffer = b;
        }
        return b;
    }

    /** A heap array where a connection looks at freshly read bytes; it keeps only what no read took. */
    byte[] readScratch() {
        byte[] b = readScratch;
        if (b == null) {
            b = new byte[IO_BUFFER_SIZE];
            readScratch = b;
        }
        return b;
    }
}
