package io.github.execmodels.process.testing;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Looks at this JVM's child processes. */
public final class Processes {

    private Processes() {
    }

    /** The live descendants of this JVM that run a worker. */
    public static List<ProcessHandle> workers() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("WorkerMain")).orElse(true))
                .collect(Collectors.toList());
    }

    /** Waits until no worker of this JVM is alive, up to {@code timeout}; returns those left. */
    public static List<ProcessHandle> awaitNoWorkers(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcessHandle> left = workers();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left = workers();
        }
        return left;
    }

    /** Whether any of the pids is still alive. */
    public static boolean anyAlive(List<Long> pids) {
        return pids.stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }
}
