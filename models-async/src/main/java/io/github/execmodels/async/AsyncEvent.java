package io.github.execmodels.async;

import java.util.ArrayDeque;

/**
 * A flag tasks can wait for, like asyncio's {@code Event}: {@link #set()} wakes every waiter, in the order they
 * began waiting.
 *
 * <p>Thread safety: confined to the thread of the loop that first uses it; every method throws
 * {@link IllegalStateException} elsewhere.
 *
 * @since 0.1
 */
public final class AsyncEvent extends Primitive {

    private final ArrayDeque<Waiter<?>> waiters = new ArrayDeque<>();
    private boolean set;

    /**
     * Creates an event that is not set.
     *
     * @since 0.1
     */
    public AsyncEvent() {
    }

    /**
     * Returns a task that completes once the event is set (at once if it is).
     *
     * @return the task
     * @throws IllegalStateException if not called on the loop's thread
     * @since 0.1
     */
    public AsyncTask<Void> await() {
        EventLoop loop = loop();
        if (set) {
            AsyncTask<Void> done = new AsyncTask<>(loop, true);
            done.completeValue(null);
            return done;
        }
        return new Waiter<>(loop, waiters, null);
    }

    /**
     * Sets the event and wakes every waiter, first come first woken.
     *
     * @throws IllegalStateException if not called on the loop's thread
     * @since 0.1
     */
    public void set() {
        loop();
        set = true;
        Waiter<?> w;
        while ((w = waiters.poll()) != null) {
            w.completeValue(null);
        }
    }

    /**
     * Clears the event; later {@link #await()} calls wait again.
     *
     * @throws IllegalStateException if not called on the loop's thread
     * @since 0.1
     */
    public void clear() {
        loop();
        set = false;
    }

    /**
     * Tells whether the event is set.
     *
     * @return {@code true} if set
     * @since 0.1
     */
    public boolean isSet() {
        return set;
    }
}
