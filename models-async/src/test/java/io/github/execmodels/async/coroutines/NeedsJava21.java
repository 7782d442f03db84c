package io.github.execmodels.async.coroutines;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips what needs virtual threads on a runtime older than Java 21: JUnit tests by an assumption
 * ({@link #assume()}), jqwik properties by this skip hook (an assumption in a jqwik lifecycle method is an error).
 */
public final class NeedsJava21 implements SkipExecutionHook {

    /** Tells whether this runtime has virtual threads. */
    public static boolean available() {
        return Runtime.version().feature() >= 21;
    }

    /** Skips the calling JUnit test before Java 21. */
    public static void assume() {
        Assumptions.assumeTrue(available(), "coroutines run on virtual threads: Java 21+");
    }

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return available() ? SkipResult.doNotSkip() : SkipResult.skip("coroutines run on virtual threads: Java 21+");
    }
}
