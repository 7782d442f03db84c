package io.github.execmodels.async;

import static io.github.execmodels.internal.Checks.requireNonNegative;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A counting semaphore for tasks of one {@link EventLoop}, like asyncio's {@code Semaphore}. It is fair: permits
 * go to waiters in the order they asked, and a newcomer never takes one while others wait.
 *
 * <p>Thread safety: confined to the thread of the loop that first uses it; every method throws
 * {@link IllegalStateException} elsewhere.
 *
 * @since 0.1
 */
public final class AsyncSemaphore extends Primitive {

    private final ArrayDeque<Waiter<?>> waiters = new ArrayDeque<>();
    private int permits;

    /**
     * Creates a semaphore with {@code permits} permits.
     *
     * @param permits the initial number of permits
     * @throws IllegalArgumentException if {@code permits < 0}
     * @since 0.1
     */
    public AsyncSemaphore(int permits) {
        this.permits = requireNonNegative(permits, "permits");
    }

    /**
     * Returns a task that completes when the caller holds a permit; cancelling it while it waits gives up its
     * place.
     *
     * @return the task
     * @throws IllegalStateException if not called on the loop's thread
     * @since 0.1
     */
    public AsyncTask<Void> acquire() {
        EventLoop loop = loop();
        if (permits > 0 && waiters.isEmpty()) {
            permits--;
            AsyncTask<Void> done = new AsyncTask<>(loop, true);
            done.completeValue(null);
            return done;
        }
        return new Waiter<>(loop, waiters, null);
    }

    /**
     * Returns a permit, handing it to the first waiter if there is one.
     *
     * @throws IllegalStateException if not called on the loop's thread
     * @since 0.1
     */
    public void release() {
        loop();
        Waiter<?> next = waiters.poll();
        if (next != null) {
            next.completeValue(null);
        } else {
            permits++;
        }
    }

    /**
     * Runs {@code body} holding a permit, and returns the permit when the body's task is done.
     *
     * @param body the work
     * @param <R> the result type
     * @return the task of the body
     * @throws IllegalStateException if not called on the loop's thread
     * @throws NullPointerException if {@code body} is {@code null}
     * @since 0.1
     */
    public <R> AsyncTask<R> withPermit(Coroutine<R> body) {
        Objects.requireNonNull(body, "body");
        AsyncTask<Void> acquire = acquire();
        return new Guarded<>(loop(), acquire, body, this::release);
    }

    /**
     * Returns the number of free permits.
     *
     * @return the count
     * @since 0.1
     */
    public int available() {
        return permits;
    }

    /**
     * Returns how many tasks wait for a permit.
     *
     * @return the count
     * @since 0.1
     */
    public int waiting() {
        return waiters.size();
    }
}
