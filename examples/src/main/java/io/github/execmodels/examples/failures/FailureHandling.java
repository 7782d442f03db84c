package io.github.execmodels.examples.failures;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Fn;
import io.github.execmodels.MapOptions;
import io.github.execmodels.Models;
import io.github.execmodels.Outcome;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.TaskTimeoutException;
import io.github.execmodels.WorkerCrashedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What happens when things go wrong: a task that throws, a worker process that dies, a task that runs too long,
 * a map that is cancelled. Each method returns a one-line description of what the caller saw.
 */
public final class FailureHandling {

    private FailureHandling() {
    }

    static List<Integer> numbers(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    /** Element 3 throws: map reports it with its index and its own exception; mapOutcomes keeps the rest. */
    public static String aTaskThatThrows(ExecutionModel model) {
        Fn<Integer, Integer> fn = x -> {
            if (x == 3) {
                throw new IllegalStateException("cannot handle " + x);
            }
            return x * 10;
        };
        String seen;
        try {
            model.map(fn, numbers(6));
            seen = "no failure?";
        } catch (TaskFailedException e) {
            seen = "map threw TaskFailedException for element " + e.index() + ", cause " + e.getCause();
        }
        List<Outcome<Integer>> outcomes = model.mapOutcomes(fn, numbers(6));
        long kept = outcomes.stream().filter(Outcome::isSuccess).count();
        return seen + "; mapOutcomes kept " + kept + " of " + outcomes.size() + " results";
    }

    /** A worker JVM dies in the middle of element 2: only that element fails, and the pool goes on. */
    public static String aWorkerThatCrashes(ExecutionModel processes) {
        Fn<Integer, Integer> fn = x -> {
            if (x == 2) {
                Runtime.getRuntime().halt(3); // a native crash, an OOM kill or System.exit look the same
            }
            return x;
        };
        String seen;
        try {
            processes.map(fn, numbers(4));
            seen = "no failure?";
        } catch (WorkerCrashedException e) {
            seen = "WorkerCrashedException for element " + e.index() + " (exit code " + e.exitCode() + ")";
        } catch (TaskFailedException e) {
            seen = e.getClass().getSimpleName() + " for element " + e.index() + ": " + e.getMessage();
        }
        return seen + "; the next map returns " + processes.map(x -> x + 1, List.of(1, 2, 3));
    }

    /** Element 1 would sleep a minute; its per-task timeout stops it. */
    public static String aTaskThatTakesTooLong(ExecutionModel model) {
        MapOptions options = MapOptions.builder().taskTimeout(Duration.ofMillis(200)).build();
        try {
            model.map(x -> {
                if (x == 1) {
                    Thread.sleep(60_000);
                }
                return x;
            }, numbers(3), options);
            return "no timeout?";
        } catch (TaskTimeoutException e) {
            return "TaskTimeoutException for element " + e.index() + " after " + e.timeout();
        }
    }

    /** The thread waiting in map is interrupted: the map's work is cancelled, nothing is left running. */
    public static String aCancelledMap(ExecutionModel model) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                model.map(x -> {
                    Thread.sleep(60_000);
                    return x;
                }, numbers(4));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        Thread.sleep(200);
        caller.interrupt();
        caller.join();
        Throwable t = thrown.get();
        return t instanceof CancellationException ? "map threw CancellationException: " + t.getMessage()
                : "unexpected: " + t;
    }

    public static void main(String[] args) throws InterruptedException {
        try (ExecutionModel threads = Models.threads(2)) {
            System.out.println("a task that throws:      " + aTaskThatThrows(threads));
            System.out.println("a task too long:         " + aTaskThatTakesTooLong(threads));
            System.out.println("a cancelled map:         " + aCancelledMap(threads));
        }
        try (ExecutionModel processes = Models.processes(2)) {
            System.out.println("a worker that crashes:   " + aWorkerThatCrashes(processes));
        }
    }
}
