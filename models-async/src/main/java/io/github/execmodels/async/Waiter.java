package io.github.execmodels.async;

import java.util.ArrayDeque;

/** A task waiting in a primitive's FIFO queue; cancelling it takes it out of the queue. */
final class Waiter<T> extends AsyncTask<T> {

    private final ArrayDeque<Waiter<?>> queue;
    final Object item;

    Waiter(EventLoop loop, ArrayDeque<Waiter<?>> queue, Object item) {
        super(loop, true);
        this.queue = queue;
        this.item = item;
        queue.add(this);
    }

    @Override
    void doCancel() {
        queue.remove(this);
        completeCancelled();
    }
}
