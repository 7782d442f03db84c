package io.github.execmodels.process.hostile;

import java.time.Duration;

/** Runs an action on a thread of its own and tells whether it returned within a bound. */
final class Bounded {

    private Bounded() {
    }

    /** Whether {@code action} returned within {@code bound}; a late action is left running (it is a daemon). */
    static boolean run(Runnable action, Duration bound) {
        Thread thread = new Thread(action, "bounded-action");
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join(bound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
