package io.github.execmodels.process.internal;

/** The argument checks of this module's builders, so that their errors read the same everywhere. */
public final class BuilderChecks {

    private BuilderChecks() {
    }

    /** Throws if a builder property, which may be set once, was already set. */
    public static void requireUnset(boolean unset, String property) {
        if (!unset) {
            throw new IllegalStateException(property + " was already set");
        }
    }

    /** Returns {@code value}, or throws naming {@code property} if it is below 1. */
    public static long requirePositive(long value, String property) {
        if (value < 1) {
            throw new IllegalArgumentException(property + ": " + value + " (expected: > 0)");
        }
        return value;
    }
}
