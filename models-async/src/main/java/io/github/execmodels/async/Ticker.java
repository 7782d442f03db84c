package io.github.execmodels.async;

/**
 * The clock of an {@link EventLoop}: timers, sleeps and timeouts read it. Inject one through
 * {@link EventLoop.Builder#ticker(Ticker)} to control time in tests instead of sleeping.
 *
 * <p>Implementations must be thread safe: the loop reads the clock on its own thread, and other threads may read
 * it through {@link EventLoop#nanoTime()}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Ticker {

    /**
     * Returns the current time in nanoseconds, from an arbitrary origin; it must never go backwards.
     *
     * @return the time in nanoseconds
     * @since 0.1
     */
    long nanoTime();

    /**
     * Returns the ticker that reads {@link System#nanoTime()}.
     *
     * @return the system ticker
     * @since 0.1
     */
    static Ticker system() {
        return System::nanoTime;
    }
}
