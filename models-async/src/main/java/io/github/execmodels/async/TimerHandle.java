package io.github.execmodels.async;

/**
 * A callback scheduled with {@link EventLoop#callLater(java.time.Duration, Runnable)}: it can be cancelled until
 * it runs.
 *
 * <p>Thread safe: {@link #cancel()} may be called from any thread (from another thread it takes effect on the
 * loop's next turn).
 *
 * @since 0.1
 */
public final class TimerHandle {

    final EventLoop loop;
    final long deadline;
    long sequence; // set on the loop thread when it enters the heap
    final Runnable action;
    int heapIndex = -1; // loop thread only
    private volatile boolean cancelled;

    TimerHandle(EventLoop loop, long deadline, Runnable action) {
        this.loop = loop;
        this.deadline = deadline;
        this.action = action;
    }

    /**
     * Returns when the callback is due, on the loop's {@link Ticker}.
     *
     * @return the deadline in nanoseconds
     * @since 0.1
     */
    public long deadlineNanos() {
        return deadline;
    }

    /**
     * Cancels the callback, unless it already ran.
     *
     * @since 0.1
     */
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        if (loop.inEventLoop()) {
            loop.timers().remove(this);
        } else {
            try {
                loop.callSoonThreadSafe(() -> loop.timers().remove(this));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // the loop is gone and its timers with it
            }
        }
    }

    void cancelOnLoop() {
        cancelled = true;
        loop.timers().remove(this);
    }

    /**
     * Tells whether {@link #cancel()} was called.
     *
     * @return {@code true} if cancelled
     * @since 0.1
     */
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return "TimerHandle[" + action + (cancelled ? ", cancelled]" : "]");
    }
}
