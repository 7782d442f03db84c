package io.github.execmodels.benchmarks.process;

import io.github.execmodels.benchmarks.Workloads;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the figures depend on: the collector, and how free the machine's cores are. */
final class Machine {

    private static volatile long sink;

    private Machine() {
    }

    static String gcNames() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining("+"));
    }

    private static long spinPrimes() {
        long t0 = System.nanoTime();
        int c = 0;
        for (int i = 1; i <= 300_000; i++) {
            if (Workloads.isPrime(i)) {
                c++;
            }
        }
        sink += c;
        return System.nanoTime() - t0;
    }

    /** How much two threads get done at once compared with one: 2.0 means two free cores (the anchors print the same). */
    static void parallelProbe() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            spinPrimes();
        }
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            long alone = spinPrimes();
            long[] both = new long[2];
            Thread a = new Thread(() -> both[0] = spinPrimes());
            Thread b = new Thread(() -> both[1] = spinPrimes());
            a.start();
            b.start();
            a.join();
            b.join();
            ratios.add(2.0 * alone / Math.max(both[0], both[1]));
        }
        System.out.printf(Locale.ROOT, "machine: two threads do %.2fx the work of one (2.0 = two free cores; runs %s)%n",
                Stats.median(ratios), ratios.stream().map(x -> String.format(Locale.ROOT, "%.2f", x))
                        .collect(Collectors.toList()));
    }
}
