package io.github.execmodels.testing;

import io.github.execmodels.Fn;
import io.github.execmodels.Job;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Functions and jobs for the contract kit. Each is built in a static method so that it captures only its
 * serializable arguments and can cross a process boundary.
 */
public final class TestFunctions {

    private TestFunctions() {
    }

    /** {@code x -> x * 31 + k}, overflow and all. */
    public static Fn<Integer, Long> affine(long k) {
        return x -> x * 31L + k;
    }

    /** Throws {@code IllegalStateException("boom at i")} for the elements in {@code failing}, else {@code x * 2}. */
    public static Fn<Integer, Integer> failingAt(Set<Integer> failing) {
        Set<Integer> copy = new HashSet<>(failing);
        return x -> {
            if (copy.contains(x)) {
                throw new IllegalStateException("boom at " + x);
            }
            return x * 2;
        };
    }

    /**
     * Records each element's start and end in {@code log}; element {@code failAt} throws at once, the others sleep
     * {@code sleepMillis} first.
     */
    public static Fn<Integer, Integer> loggedSleeper(Path log, int failAt, long sleepMillis) {
        String dir = log.toString();
        return x -> {
            RunLog runLog = new RunLog(Path.of(dir));
            runLog.record("start " + x);
            try {
                if (x == failAt) {
                    throw new IllegalStateException("boom at " + x);
                }
                Thread.sleep(sleepMillis);
                return x;
            } finally {
                runLog.record("end " + x);
            }
        };
    }

    /** Sleeps {@code millis} for the element equal to {@code slow}, and returns the element. */
    public static Fn<Integer, Integer> slowAt(int slow, long millis) {
        return x -> {
            if (x == slow) {
                Thread.sleep(millis);
            }
            return x;
        };
    }

    /** Sleeps {@code 30 - x} milliseconds for the first 30 elements, so that later elements finish first. */
    public static Fn<Integer, Integer> reverseDurations() {
        return x -> {
            Thread.sleep(Math.max(0, 30 - x));
            return x;
        };
    }

    /** Sleeps {@code millis}, recording its start, its interruption and its end in {@code log}. */
    public static Job<String> loggedSleepJob(Path log, long millis) {
        String dir = log.toString();
        return () -> {
            RunLog runLog = new RunLog(Path.of(dir));
            runLog.record("start");
            try {
                Thread.sleep(millis);
                return "slept";
            } catch (InterruptedException e) {
                runLog.record("interrupted");
                throw e;
            } finally {
                runLog.record("end");
            }
        };
    }

    /** Returns {@code value}. */
    public static <R> Job<R> constant(R value) {
        return () -> value;
    }

    /** Throws {@code IllegalArgumentException(message)}. */
    public static Job<String> failing(String message) {
        return () -> {
            throw new IllegalArgumentException(message);
        };
    }
}
