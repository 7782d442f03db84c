package io.github.execmodels.internal;

import java.time.Duration;

/**
 * Turns a caller's {@link Duration} into nanoseconds that deadline arithmetic can use without overflow.
 *
 * <p>Deadlines are compared as differences of {@link System#nanoTime()} values, which is only sound while every
 * deadline lies within 2<sup>63</sup> ns of every other one. A caller may pass {@code Duration.ofNanos(Long.MAX_VALUE)}
 * or more ({@code toNanos()} then throws) to mean "no limit", or a negative duration to mean "already elapsed": both
 * are clamped to {@link #FOREVER_NANOS} either way, about 73 years, which keeps every difference in range.
 */
public final class Timeouts {

    /** The longest wait we count: a quarter of the {@code long} range, so sums and differences never overflow. */
    public static final long FOREVER_NANOS = Long.MAX_VALUE / 4;

    private static final Duration FOREVER = Duration.ofNanos(FOREVER_NANOS);
    private static final Duration NEGATIVE_FOREVER = FOREVER.negated();

    private Timeouts() {
    }

    /**
     * Returns {@code timeout} in nanoseconds, clamped to {@code [-FOREVER_NANOS, FOREVER_NANOS]}.
     *
     * @param timeout a duration, possibly negative or huge
     * @return its nanoseconds, clamped
     */
    public static long clampedNanos(Duration timeout) {
        if (timeout.compareTo(FOREVER) > 0) {
            return FOREVER_NANOS;
        }
        if (timeout.compareTo(NEGATIVE_FOREVER) < 0) {
            return -FOREVER_NANOS;
        }
        return timeout.toNanos();
    }

    /**
     * Returns the {@link System#nanoTime()} value {@code timeout} from now; compare it with {@code deadline - now}.
     *
     * @param timeout a duration, possibly negative or huge
     * @return the deadline
     */
    public static long deadlineAfter(Duration timeout) {
        return System.nanoTime() + clampedNanos(timeout);
    }

    /**
     * Returns {@code amount} of {@code unit} in nanoseconds, clamped like {@link #clampedNanos(Duration)}.
     *
     * @param amount how many units, possibly negative or huge
     * @param unit the unit
     * @return the nanoseconds, clamped
     */
    public static long clampedNanos(long amount, java.util.concurrent.TimeUnit unit) {
        return Math.max(-FOREVER_NANOS, Math.min(FOREVER_NANOS, unit.toNanos(amount)));
    }
}
