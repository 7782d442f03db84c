package io.github.execmodels.threads.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Helpers for tests that look at threads. */
public final class Threads {

    private Threads() {
    }

    /** The live platform threads whose name starts with {@code prefix}, after giving them a moment to end. */
    public static List<Thread> alive(String prefix) throws InterruptedException {
        List<Thread> alive = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(prefix)) {
                thread.join(2_000);
                if (thread.isAlive()) {
                    alive.add(thread);
                }
            }
        }
        return alive;
    }

    /** Waits up to 30 s for {@code condition}. */
    public static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(2);
        }
    }

    public static boolean java21() {
        return Runtime.version().feature() >= 21;
    }
}
