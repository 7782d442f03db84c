package io.github.execmodels.async;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Failed tasks that nobody listened to, watched until they are garbage collected: one whose failure was never
 * retrieved by then is reported ("Task exception was never retrieved", as asyncio says). The trackers are phantom
 * references, so watching a task does not keep it alive. Loop thread only, except {@link Tracker#retrieved}.
 */
final class UnretrievedFailures {

    /** Watches one failed task; the task marks it retrieved when someone looks at the failure. */
    static final class Tracker extends PhantomReference<AsyncTask<?>> {
        final Throwable failure;
        final String description;
        volatile boolean retrieved;

        Tracker(AsyncTask<?> task, Throwable failure, ReferenceQueue<AsyncTask<?>> queue) {
            super(task, queue);
            this.failure = failure;
            this.description = task.getClass().getSimpleName();
        }
    }

    private final ReferenceQueue<AsyncTask<?>> collected = new ReferenceQueue<>();
    private final Set<Tracker> watched = new HashSet<>();

    Tracker track(AsyncTask<?> task, Throwable failure) {
        Tracker tracker = new Tracker(task, failure, collected);
        watched.add(tracker);
        return tracker;
    }

    boolean isEmpty() {
        return watched.isEmpty();
    }

    /** Reports, through {@code report}, each collected task whose failure nobody retrieved. */
    void poll(Consumer<Tracker> report) {
        Reference<? extends AsyncTask<?>> ref;
        while ((ref = collected.poll()) != null) {
            Tracker t = (Tracker) ref;
            watched.remove(t);
            if (!t.retrieved) {
                report.accept(t);
            }
        }
    }
}
