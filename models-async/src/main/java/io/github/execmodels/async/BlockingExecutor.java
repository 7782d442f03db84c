package io.github.execmodels.async;

import io.github.execmodels.ModelClosedException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default executor of {@code runInExecutor}: a pool made on first use (asyncio sizes its own the same way,
 * {@code min(32, cores + 4)}), whose idle threads end after 10 s, and which the loop shuts down when it closes.
 * Thread safe.
 */
final class BlockingExecutor {

    private static final Logger log = LoggerFactory.getLogger(BlockingExecutor.class);
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private final String loopName;
    private final Object lock = new Object();
    private volatile ExecutorService pool; // created under lock
    private boolean closed; // guarded by lock

    BlockingExecutor(String loopName) {
        this.loopName = loopName;
    }

    /**
     * Returns the pool, making it on first use.
     *
     * @throws ModelClosedException if the loop has closed it
     */
    ExecutorService get() {
        ExecutorService e = pool;
        if (e != null) {
            return e;
        }
        synchronized (lock) {
            if (pool == null) {
                if (closed) {
                    throw new ModelClosedException(loopName);
                }
                int threads = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
                ThreadPoolExecutor p = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(), r -> {
                            Thread t = new Thread(r, loopName + "-executor-" + THREAD_IDS.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
                p.allowCoreThreadTimeOut(true);
                pool = p;
            }
            return pool;
        }
    }

    /** Stops the pool (interrupting what runs) and refuses to make another; any thread. */
    void shutdownNow() {
        ExecutorService e;
        synchronized (lock) {
            closed = true;
            e = pool;
        }
        if (e != null) {
            e.shutdownNow();
        }
    }

    /**
     * Stops the pool and waits up to 10 s for its jobs to end.
     *
     * @return {@code false} if the wait was interrupted (the interrupt is for the caller to restore)
     */
    boolean shutdownAndAwait() {
        shutdownNow();
        ExecutorService e = pool;
        if (e == null) {
            return true;
        }
        try {
            if (!e.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("blocking jobs of {} still run 10 s after close()", loopName);
            }
            return true;
        } catch (InterruptedException ie) {
            return false;
        }
    }
}
