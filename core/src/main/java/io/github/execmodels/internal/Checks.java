package io.github.execmodels.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The argument checks of every builder and factory of the library, so that their errors read the same everywhere:
 * {@code "threads: 0 (expected: > 0)"}, {@code "chunkSize was already set"}. Model modules reach it through a
 * qualified export.
 *
 * <p>Thread safe: stateless.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Throws if a builder property, which may be set once, was already set.
     *
     * @param unset whether the property is still unset
     * @param property the property's name
     * @throws IllegalStateException if {@code unset} is false
     */
    public static void requireUnset(boolean unset, String property) {
        if (!unset) {
            throw new IllegalStateException(property + " was already set");
        }
    }

    /**
     * Returns {@code value}, or throws naming {@code property} if it is below 1.
     *
     * @param value the value
     * @param property the property's name
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value < 1}
     */
    public static int requirePositive(int value, String property) {
        if (value < 1) {
            throw new IllegalArgumentException(property + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    /**
     * Returns {@code value}, or throws naming {@code property} if it is below 1.
     *
     * @param value the value
     * @param property the property's name
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value < 1}
     */
    public static long requirePositive(long value, String property) {
        if (value < 1) {
            throw new IllegalArgumentException(property + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    /**
     * Returns {@code value}, or throws naming {@code property} if it is negative.
     *
     * @param value the value
     * @param property the property's name
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value < 0}
     */
    public static int requireNonNegative(int value, String property) {
        if (value < 0) {
            throw new IllegalArgumentException(property + ": " + value + " (expected: >= 0)");
        }
        return value;
    }

    /**
     * Returns {@code value}, or throws naming {@code property} if it is {@code null}, zero or negative.
     *
     * @param value the value
     * @param property the property's name
     * @return {@code value}
     * @throws NullPointerException if {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code value} is zero or negative
     */
    public static Duration requirePositive(Duration value, String property) {
        Objects.requireNonNull(value, property);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(property + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    /**
     * Returns {@code value}, or throws naming {@code property} if it is {@code null} or negative.
     *
     * @param value the value
     * @param property the property's name
     * @return {@code value}
     * @throws NullPointerException if {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public static Duration requireNonNegative(Duration value, String property) {
        Objects.requireNonNull(value, property);
        if (value.isNegative()) {
            throw new IllegalArgumentException(property + ": " + value + " (expected: >= 0)");
        }
        return value;
    }
}
