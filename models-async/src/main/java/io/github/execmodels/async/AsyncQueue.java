package io.github.execmodels.async;

import static io.github.execmodels.internal.Checks.requirePositive;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A FIFO queue for tasks of one {@link EventLoop}, like asyncio's {@code Queue}: {@link #put(Object)} waits while
 * the queue is full, {@link #get()} while it is empty. Waiting getters and putters are served in the order they
 * came. A getter cancelled while it waits takes nothing; a putter cancelled while it waits puts nothing.
 *
 * <p>Thread safety: confined to the thread of the loop that first uses it; every method throws
 * {@link IllegalStateException} elsewhere.
 *
 * @param <T> the element type
 * @since 0.1
 */
public final class AsyncQueue<T> extends Primitive {

    private final int capacity;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final ArrayDeque<Waiter<?>> getters = new ArrayDeque<>();
    private final ArrayDeque<Waiter<?>> putters = new ArrayDeque<>();

    /**
     * Creates a queue that holds at most {@code capacity} elements.
     *
     * @param capacity the bound; {@link Integer#MAX_VALUE} for (practically) unbounded
     * @throws IllegalArgumentException if {@code capacity < 1}
     * @since 0.1
     */
    public AsyncQueue(int capacity) {
        this.capacity = requirePositive(capacity, "capacity");
    }

    /**
     * Returns a task that completes once {@code item} is in the queue (or handed to a getter).
     *
     * @param item the element
     * @return the task
     * @throws IllegalStateException if not called on the loop's thread
     * @throws NullPointerException if {@code item} is {@code null}
     * @since 0.1
     */
    public AsyncTask<Void> put(T item) {
        Objects.requireNonNull(item, "item");
        EventLoop loop = loop();
        if (offerNow(item)) {
            AsyncTask<Void> done = new AsyncTask<>(loop, true);
            done.completeValue(null);
            return done;
        }
        return new Waiter<>(loop, putters, item);
    }

    /**
     * Puts {@code item} if there is room and nobody waits to put.
     *
     * @param item the element
     * @return {@code true} if it was put
     * @throws IllegalStateException if not called on the loop's thread
     * @throws NullPointerException if {@code item} is {@code null}
     * @since 0.1
     */
    public boolean offer(T item) {
        Objects.requireNonNull(item, "item");
        loop();
        return offerNow(item);
    }

    private boolean offerNow(T item) {
        Waiter<?> getter = getters.poll();
        if (getter != null) {
            getter.completeValue(item);
            return true;
        }
        if (items.size() < capacity && putters.isEmpty()) {
            items.add(item);
            return true;
        }
        return false;
    }

    /**
     * Returns a task that completes with the next element, waiting while the queue is empty.
     *
     * @return the task
     * @throws IllegalStateException if not called on the loop's thread
     * @since 0.1
     */
    public AsyncTask<T> get() {
        EventLoop loop = loop();
        T item = pollNow();
        if (item != null) {
            AsyncTask<T> done = new AsyncTask<>(loop, true);
            done.completeValue(item);
            return done;
        }
        return new Waiter<>(loop, getters, null);
    }

    /**
     * Takes the next element if there is one.
     *
     * @return the element, or {@code null} if the queue is empty
     * @throws IllegalStateException if not called on the loop's thread
     * @since 0.1
     */
    public T poll() {
        loop();
        return pollNow();
    }

    @SuppressWarnings("unchecked")
    private T pollNow() {
        T item = items.poll();
        if (item == null) {
            return null;
        }
        Waiter<?> putter = putters.poll();
        if (putter != null) {
            items.add((T) putter.item);
            putter.completeValue(null);
        }
        return item;
    }

    /**
     * Returns how many elements are in the queue.
     *
     * @return the count
     * @since 0.1
     */
    public int size() {
        return items.size();
    }

    /**
     * Tells whether the queue is empty.
     *
     * @return {@code true} if empty
     * @since 0.1
     */
    public boolean isEmpty() {
        return items.isEmpty();
    }

    /**
     * Returns the bound given at creation.
     *
     * @return the capacity
     * @since 0.1
     */
    public int capacity() {
        return capacity;
    }
}
