package io.github.execmodels.threads.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the named daemon platform threads of a pool, and remembers them so that close can wait until they are gone.
 *
 * <p>Thread safe.
 */
final class PlatformThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    PlatformThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable work) {
        threads.removeIf(t -> !t.isAlive() && t.getState() == Thread.State.TERMINATED);
        Thread thread = new Thread(work, prefix + count.incrementAndGet());
        // a forgotten close() must not keep the JVM alive
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    }

    /**
     * Waits until every thread made here, but the calling one, has ended, or the deadline passes.
     *
     * @return how many threads are still alive
     */
    int joinAll(long deadlineNanos) throws InterruptedException {
        int alive = 0;
        for (Thread thread : threads) {
            if (thread == Thread.currentThread()) {
                continue;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(thread, left);
            }
            if (thread.isAlive()) {
                alive++;
            }
        }
        return alive;
    }
}
