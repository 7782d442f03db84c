package io.github.execmodels.async;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A mutual-exclusion lock for tasks of one {@link EventLoop}, like asyncio's {@code Lock}. It is fair: the lock
 * passes to waiters in the order they asked, and a newcomer never takes it while others wait. It is not reentrant
 * and has no owner: any task may release it.
 *
 * <p>Prefer {@link #withLock(Coroutine)}, which releases the lock whatever happens (failure, cancellation).
 *
 * <p>Thread safety: confined to the thread of the loop that first uses it; every method throws
 * {@link IllegalStateException} elsewhere.
 *
 * @since 0.1
 */
public final class AsyncLock extends Primitive {

    private final ArrayDeque<Waiter<?>> waiters = new ArrayDeque<>();
    private boolean locked;

    /**
     * Creates an unlocked lock.
     *
     * @since 0.1
     */
    public AsyncLock() {
    }

    /**
     * Returns a task that completes when the caller holds the lock; cancelling it while it waits gives up its
     * place.
     *
     * @return the task
     * @throws IllegalStateException if not called on the loop's thread
     * @since 0.1
     */
    public AsyncTask<Void> acquire() {
        EventLoop loop = loop();
        if (!locked && waiters.isEmpty()) {
            locked = true;
            AsyncTask<Void> done = new AsyncTask<>(loop, true);
            done.completeValue(null);
            return done;
        }
        return new Waiter<>(loop, waiters, null);
    }

    /**
     * Takes the lock if it is free and nobody waits for it.
     *
     * @return {@code true} if the caller now holds the lock
     * @throws IllegalStateException if not called on the loop's thread
     * @since 0.1
     */
    public boolean tryAcquire() {
        loop();
        if (!locked && waiters.isEmpty()) {
            locked = true;
            return true;
        }
        return false;
    }

    /**
     * Releases the lock, handing it to the first waiter if there is one.
     *
     * @throws IllegalStateException if the lock is not held, or if not called on the loop's thread
     * @since 0.1
     */
    public void release() {
        loop();
        if (!locked) {
            throw new IllegalStateException("release of an AsyncLock that is not locked");
        }
        Waiter<?> next = waiters.poll();
        if (next != null) {
            next.completeValue(null); // the lock passes on, still locked
        } else {
            locked = false;
        }
    }

    /**
     * Runs {@code body} holding the lock, and releases it when the body's task is done, however it ends.
     *
     * @param body the critical section
     * @param <R> the result type
     * @return the task of the body
     * @throws IllegalStateException if not called on the loop's thread
     * @throws NullPointerException if {@code body} is {@code null}
     * @since 0.1
     */
    public <R> AsyncTask<R> withLock(Coroutine<R> body) {
        Objects.requireNonNull(body, "body");
        AsyncTask<Void> acquire = acquire();
        return new Guarded<>(loop(), acquire, body, this::release);
    }

    /**
     * Tells whether the lock is held.
     *
     * @return {@code true} if locked
     * @since 0.1
     */
    public boolean isLocked() {
        return locked;
    }

    /**
     * Returns how many tasks wait for the lock.
     *
     * @return the count
     * @since 0.1
     */
    public int waiting() {
        return waiters.size();
    }
}
