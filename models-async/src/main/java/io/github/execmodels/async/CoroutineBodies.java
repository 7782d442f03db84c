package io.github.execmodels.async;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coroutine bodies of one loop whose virtual threads may still be alive, so that none outlives the loop: when
 * the loop terminates, {@link #closeAll()} resumes every body still suspended with a cancellation (its awaits now
 * throw at once, so it runs to its end) and waits until each of their threads has ended.
 *
 * <p>Thread safety: used under the loop's baton only (the loop's thread, or a body that holds the baton).
 */
final class CoroutineBodies {

    private static final Logger log = LoggerFactory.getLogger(CoroutineBodies.class);
    /** How long the closing loop waits for the bodies it resumes to end, all together. */
    private static final long CLOSE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int FIRST_PRUNE = 1024;

    private final Set<CoroutineTask<?>> started = new HashSet<>();
    /** Threads of bodies that returned; a thread lives a little longer than its body. Pruned as it grows. */
    private final List<Thread> ending = new ArrayList<>();
    private int pruneAt = FIRST_PRUNE;

    void started(CoroutineTask<?> body) {
        started.add(body);
    }

    void ended(CoroutineTask<?> body, Thread thread) {
        started.remove(body);
        ending.add(thread);
        if (ending.size() >= pruneAt) {
            ending.removeIf(t -> !t.isAlive());
            pruneAt = Math.max(FIRST_PRUNE, ending.size() * 2);
        }
    }

    /** Called by the loop's thread as the loop terminates. */
    void closeAll() {
        long deadline = System.nanoTime() + CLOSE_GRACE_NANOS;
        for (CoroutineTask<?> body : new ArrayList<>(started)) {
            body.resumeForClose(deadline);
        }
        boolean interrupted = false;
        for (Thread t : ending) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (t.isAlive()) {
                log.warn("the virtual thread {} of a coroutine is still alive after its event loop closed", t);
            }
        }
        ending.clear();
        for (CoroutineTask<?> body : started) {
            log.warn("{} did not end within 5 s of its event loop's close: it blocks, or catches every "
                    + "cancellation and loops; its virtual thread outlives the loop", body);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
