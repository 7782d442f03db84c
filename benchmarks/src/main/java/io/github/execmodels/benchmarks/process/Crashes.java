package io.github.execmodels.benchmarks.process;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Models;
import io.github.execmodels.WorkerCrashedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Time from submitting a job that kills its worker to the caller's {@link WorkerCrashedException}. */
final class Crashes {

    private Crashes() {
    }

    static void run(int repeats) {
        List<Double> times = new ArrayList<>();
        try (ExecutionModel processes = Models.processes(2)) {
            processes.submit(() -> 1).join();
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                try {
                    processes.submit(() -> {
                        Runtime.getRuntime().halt(1);
                        return 0;
                    }).join();
                    throw new AssertionError("the worker survived");
                } catch (WorkerCrashedException expected) {
                    times.add((System.nanoTime() - t0) / 1e6);
                }
                processes.submit(() -> 1).join(); // a replacement serves
            }
        }
        System.out.printf(Locale.ROOT, "crash: submit to WorkerCrashedException %.1f ms (median of %d: %s);"
                + " the pool went on serving after each%n", Stats.median(times), repeats, Stats.rounded(times));
    }
}
