package io.github.execmodels.hazelcast.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The jobs of this model running in this member's JVM, by id, so that a cancel sent by the caller can interrupt
 * the thread that runs one. A cancel that arrives before its job started leaves a mark that makes the job skip its
 * work when it starts; marks of jobs that never arrive expire after ten minutes.
 *
 * <p>Thread safe.
 */
final class RunningJobs {

    private static final long MARK_LIFETIME_NANOS = TimeUnit.MINUTES.toNanos(10);

    /** A job's id: the caller's model, and the job's number in it. */
    record Id(UUID model, long number) implements java.io.Serializable {
    }

    /** What is known of a job: its thread while it runs, or the time a cancel came before it. */
    private record Entry(Thread thread, long cancelledAtNanos) {
    }

    private static final Map<Id, Entry> JOBS = new ConcurrentHashMap<>();

    private RunningJobs() {
    }

    /** Registers the current thread as running {@code id}; returns {@code false} if the job was cancelled before. */
    static boolean begin(Id id) {
        Entry previous = JOBS.putIfAbsent(id, new Entry(Thread.currentThread(), 0));
        if (previous != null) {
            JOBS.remove(id);
            return false;
        }
        return true;
    }

    /** Unregisters {@code id} and clears an interrupt meant for it, so the member's thread goes back clean. */
    static void end(Id id) {
        JOBS.remove(id);
        Thread.interrupted();
    }

    /** Interrupts the thread running {@code id}, or marks it cancelled when it has not started. */
    static void cancel(Id id) {
        long now = System.nanoTime();
        JOBS.compute(id, (k, entry) -> {
            if (entry == null) {
                return new Entry(null, now);
            }
            if (entry.thread() != null) {
                entry.thread().interrupt();
            }
            return entry;
        });
        JOBS.entrySet().removeIf(e -> e.getValue().thread() == null
                && now - e.getValue().cancelledAtNanos() > MARK_LIFETIME_NANOS);
    }
}
