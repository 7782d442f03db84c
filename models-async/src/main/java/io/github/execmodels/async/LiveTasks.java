package io.github.execmodels.async;

/**
 * The loop's spawned tasks that are started and not done, as an intrusive doubly linked list through the tasks
 * themselves (no node objects), so that closing the loop can cancel what is left. Loop thread only, except the
 * count, which other threads may read as an estimate.
 */
final class LiveTasks {

    private AsyncTask<?> head;
    private volatile int count;

    void link(AsyncTask<?> task) {
        task.live = true;
        task.nextLive = head;
        if (head != null) {
            head.prevLive = task;
        }
        head = task;
        count++;
    }

    void unlink(AsyncTask<?> task) {
        task.live = false;
        AsyncTask<?> prev = task.prevLive;
        AsyncTask<?> next = task.nextLive;
        if (prev != null) {
            prev.nextLive = next;
        } else {
            head = next;
        }
        if (next != null) {
            next.prevLive = prev;
        }
        task.prevLive = null;
        task.nextLive = null;
        count--;
    }

    int count() {
        return count;
    }

    boolean isEmpty() {
        return head == null;
    }

    /** Requests the cancellation of every live task; {@code afterEach} runs after each (to let it unwind). */
    void cancelAll(Runnable afterEach) {
        for (AsyncTask<?> t = head; t != null; ) {
            AsyncTask<?> next = t.nextLive;
            if (!t.cancelRequested) {
                t.cancelOnLoop();
                afterEach.run();
            }
            t = next;
        }
    }
}
