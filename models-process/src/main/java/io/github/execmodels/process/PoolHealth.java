package io.github.execmodels.process;

import java.util.Map;

/**
 * A snapshot of a {@link ProcessPoolModel}'s workers: how many are alive, how many were started in all, and how
 * many were replaced, by reason, and whether the pool can serve.
 *
 * <p>The reasons are {@code crashed} (the worker died on its own: {@code System.exit}, a signal, out of memory),
 * {@code timed-out} (killed for a task or an initializer past its time), {@code cancelled} (killed because a
 * cancelled task ignored its interrupt), {@code protocol-error} (it sent something that is not a frame, or a frame
 * over {@code maxFrameBytes}, on its private channel), {@code max-tasks} (replaced after
 * {@code maxTasksPerWorker}), {@code initializer-failed}, {@code start-failed} and {@code killed}.
 *
 * <p>Immutable and thread safe.
 *
 * @since 0.1
 */
public final class PoolHealth {

    private final int alive;
    private final int configured;
    private final long started;
    private final Map<String, Long> replaced;
    private final boolean healthy;

    PoolHealth(int alive, int configured, long started, Map<String, Long> replaced, boolean healthy) {
        this.alive = alive;
        this.configured = configured;
        this.started = started;
        this.replaced = Map.copyOf(replaced);
        this.healthy = healthy;
    }

    /**
     * Returns whether the pool can serve: {@code false} when its last attempts to start a worker failed (the
     * {@code java} command or the working directory is wrong, the JVM options are refused, the initializer fails
     * or hangs) and no worker is ready. Work submitted then fails at once with the cause, after a few failed
     * starts in a row; the pool keeps trying, backing off, and is healthy again once a worker is ready.
     *
     * @return whether a worker is ready or the last start succeeded
     * @since 0.1
     */
    public boolean healthy() {
        return healthy;
    }

    /**
     * Returns how many worker processes are alive now.
     *
     * @return the live workers
     * @since 0.1
     */
    public int alive() {
        return alive;
    }

    /**
     * Returns how many workers the pool keeps.
     *
     * @return the configured number of workers
     * @since 0.1
     */
    public int configured() {
        return configured;
    }

    /**
     * Returns how many worker processes the pool has started since it was built, replacements included.
     *
     * @return the processes started
     * @since 0.1
     */
    public long started() {
        return started;
    }

    /**
     * Returns how many workers were replaced, by reason.
     *
     * @return an unmodifiable map from reason to count
     * @since 0.1
     */
    public Map<String, Long> replaced() {
        return replaced;
    }

    /**
     * Returns how many workers were replaced for any reason.
     *
     * @return the sum of {@link #replaced()}
     * @since 0.1
     */
    public long replacedTotal() {
        return replaced.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        return "PoolHealth[alive=" + alive + "/" + configured + ", started=" + started + ", replaced=" + replaced + "]";
    }
}
