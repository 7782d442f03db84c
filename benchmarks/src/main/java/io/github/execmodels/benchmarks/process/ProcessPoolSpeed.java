package io.github.execmodels.benchmarks.process;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Fn;
import io.github.execmodels.Models;
import io.github.execmodels.benchmarks.Workloads;
import io.github.execmodels.process.ProcessPoolModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * The speed targets of the process model, measured in one run, each as a ratio against a baseline measured in the
 * same run (medians of several runs; the machine is shared and noisy). Every pool is started and warmed before
 * timing, except in the start-up figures.
 *
 * <ol>
 *   <li>start-up: {@code Models.processes(2)} to the first result, with the workers on jars and on a class folder,
 *       against a bare {@code java -version}; target at most 2x.</li>
 *   <li>the lecture's workload: {@code get_prime_numbers(10000)} by trial division to n-1 (about 10 ms a map),
 *       {@code processes(2)} against {@code sequential()}; target 1.5x.</li>
 *   <li>a {@code map} of 2 elements: median latency against Python's {@code Pool(2).map} of 2 elements, run by
 *       {@code python3} in the same sitting; target at most Python's.</li>
 *   <li>{@code isPrime} over 1..2,000,000 (about 80 ns an element): target 1.5x sequential.</li>
 *   <li>coarse work, {@code isPrime} of 20,000 numbers from 10^12 (tens of microseconds each): target 1.8x.</li>
 *   <li>identity over 1,000,000 ints: items per second, spread of 10 runs, against Python's
 *       {@code Pool(2).map} with its default chunks from the anchor script {@code pool_overhead.py} (with
 *       {@code --anchors DIR}, or given as {@code --python-rate N}); target 3x.</li>
 * </ol>
 * With each map figure it prints the processor time the parent and the workers used per element, which is where
 * the time goes whatever the machine's load.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.execmodels.benchmarks.process.ProcessPoolSpeed
 * [--anchors <folder of the Python anchor scripts>] [--repeats 5] [--only startup,lecture,small,primes,coarse,
 * identity,crash]}.
 */
public final class ProcessPoolSpeed {

    private static final List<String> PARTS = List.of("startup", "lecture", "small", "primes", "coarse", "identity",
            "crash");

    private ProcessPoolSpeed() {
    }

    public static void main(String[] args) throws Exception {
        int repeats = 5;
        Path anchors = null;
        double pythonRate = Double.NaN;
        List<String> parts = PARTS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats":
                    repeats = Integer.parseInt(args[++i]);
                    break;
                case "--anchors":
                    anchors = Path.of(args[++i]);
                    break;
                case "--python-rate":
                    pythonRate = Double.parseDouble(args[++i]);
                    break;
                case "--only":
                    parts = Arrays.asList(args[++i].split(","));
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "java %s, %d processors, gc %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Machine.gcNames());
        Machine.parallelProbe();
        if (parts.contains("startup")) {
            StartUp.run(repeats);
        }
        if (parts.contains("lecture")) {
            lecture(repeats);
        }
        if (parts.contains("small")) {
            small(repeats);
        }
        if (parts.contains("primes")) {
            primes(repeats);
        }
        if (parts.contains("coarse")) {
            coarse(repeats);
        }
        if (parts.contains("identity")) {
            double javaRate = identityRate(Math.max(10, repeats));
            if (anchors != null) {
                pythonRate = PythonPool.identityRate(anchors);
            }
            if (!Double.isNaN(pythonRate)) {
                System.out.printf(Locale.ROOT, "identity 1M: python Pool(2).map default chunks %,.0f items/s"
                        + " -> processes(2) is %.2fx (target >= 3x)%n", pythonRate, javaRate / pythonRate);
            }
        }
        if (parts.contains("crash")) {
            Crashes.run(repeats);
        }
    }

    // ---- the lecture's workload

    private static void lecture(int repeats) {
        List<Integer> numbers = IntStream.rangeClosed(1, 10_000).boxed().collect(Collectors.toList());
        Fn<Integer, Boolean> test = Workloads::isPrimeLinear;
        int maps = 25;
        compare("lecture, get_prime_numbers(10000) x 25 (trial division to n-1)", repeats, 1.5, numbers.size() * maps,
                model -> {
                    for (int i = 0; i < maps; i++) {
                        model.map(test, numbers);
                    }
                }, model -> model.map(test, numbers));
    }

    // ---- a map of two elements

    private static void small(int repeats) throws Exception {
        int n = 400 * repeats;
        List<Integer> two = List.of(1, 2);
        Fn<Integer, Integer> twice = x -> x * 2;
        long[] times = new long[n];
        long[] cpu;
        try (ProcessPoolModel processes = ProcessPoolModel.builder().workers(2).build()) {
            for (int i = 0; i < n; i++) {
                processes.map(twice, two);
            }
            CpuUse use = CpuUse.start(processes);
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                List<Integer> out = processes.map(twice, two);
                times[i] = System.nanoTime() - t0;
                if (out.get(1) != 4) {
                    throw new AssertionError("wrong result " + out);
                }
            }
            cpu = use.stop();
        }
        Arrays.sort(times);
        double median = times[n / 2] / 1e6;
        System.out.printf(Locale.ROOT, "map of 2 elements: processes(2) median %.3f ms (p10 %.3f, p90 %.3f, %d maps);"
                + " processor time per map: parent %.0f us, workers %.0f us%n", median, times[n / 10] / 1e6,
                times[n * 9 / 10] / 1e6, n, cpu[0] / 1e3 / n, cpu[1] / 1e3 / n);
        double[] python = PythonPool.mapOfTwoMillis(n);
        if (python == null) {
            System.out.println("map of 2 elements: python3 not found, no baseline");
            return;
        }
        System.out.printf(Locale.ROOT, "map of 2 elements: python Pool(2) median %.3f ms (p10 %.3f, p90 %.3f) ->"
                + " processes(2) takes %.2fx Python's time (target <= 1x)%n", python[0], python[1], python[2],
                median / python[0]);
    }

    // ---- isPrime over 1..2M

    private static void primes(int repeats) {
        List<Integer> data = IntStream.rangeClosed(1, 2_000_000).boxed().collect(Collectors.toList());
        Fn<Integer, Boolean> fn = Workloads::isPrime;
        compare("isPrime 1..2M", repeats, 1.5, data.size(), model -> model.map(fn, data),
                model -> model.map(fn, data.subList(0, 200_000)));
    }

    // ---- coarse work

    private static void coarse(int repeats) {
        List<Long> data = LongStream.range(1_000_000_000_000L, 1_000_000_020_000L).boxed()
                .collect(Collectors.toList());
        Fn<Long, Boolean> fn = Workloads::isPrime;
        compare("coarse, isPrime of 20,000 numbers from 10^12", repeats, 1.8, data.size(), model -> model.map(fn, data),
                model -> model.map(fn, data.subList(0, 2_000)));
    }

    /**
     * Times {@code work} on {@code sequential()} and on {@code processes(2)} alternately, after {@code warm} on
     * each, and prints the medians, the ratio and the processor time per element.
     */
    private static void compare(String what, int repeats, double target, long elements,
            java.util.function.Consumer<ExecutionModel> work, java.util.function.Consumer<ExecutionModel> warm) {
        List<Double> seq = new ArrayList<>();
        List<Double> proc = new ArrayList<>();
        long seqCpu = 0;
        long[] cpu = new long[2];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (ExecutionModel sequential = Models.sequential();
                ProcessPoolModel processes = ProcessPoolModel.builder().workers(2).build()) {
            for (int i = 0; i < 3; i++) {
                warm.accept(processes);
                warm.accept(sequential);
            }
            work.accept(processes);
            for (int r = 0; r < repeats; r++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                work.accept(sequential);
                long t1 = System.nanoTime();
                seqCpu += threads.getCurrentThreadCpuTime() - c0;
                CpuUse use = CpuUse.start(processes);
                long t2 = System.nanoTime();
                work.accept(processes);
                long t3 = System.nanoTime();
                long[] used = use.stop();
                cpu[0] += used[0];
                cpu[1] += used[1];
                seq.add((t1 - t0) / 1e6);
                proc.add((t3 - t2) / 1e6);
            }
        }
        double s = Stats.median(seq);
        double p = Stats.median(proc);
        double n = (double) elements * repeats;
        System.out.printf(Locale.ROOT, "%s: sequential %.1f ms, processes(2) %.1f ms (medians of %d: %s / %s) -> %.2fx"
                + " (target >= %.1fx); processor time per element: sequential %.0f ns, processes(2) parent %.0f ns +"
                + " workers %.0f ns%n", what, s, p, repeats, Stats.rounded(seq), Stats.rounded(proc), s / p, target,
                seqCpu / n, cpu[0] / n, cpu[1] / n);
    }

    // ---- identity

    private static double identityRate(int runs) {
        List<Integer> data = IntStream.range(0, 1_000_000).boxed().collect(Collectors.toList());
        Fn<Integer, Integer> identity = x -> x;
        List<Double> rates = new ArrayList<>();
        long[] cpu;
        try (ProcessPoolModel processes = ProcessPoolModel.builder().workers(2).build()) {
            for (int r = 0; r < 3; r++) {
                processes.map(identity, data); // warm up the JIT on both sides
            }
            CpuUse use = CpuUse.start(processes);
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                List<Integer> out = processes.map(identity, data);
                long t1 = System.nanoTime();
                if (out.size() != data.size() || out.get(999_999) != 999_999) {
                    throw new AssertionError("wrong result");
                }
                rates.add(data.size() / ((t1 - t0) / 1e9));
            }
            cpu = use.stop();
        }
        double m = Stats.median(rates);
        System.out.printf(Locale.ROOT, "identity 1M: processes(2).map %,.0f items/s (median of %d; min %,.0f, max %,.0f:"
                + " %s); processor time per element: parent %.0f ns, workers %.0f ns%n", m, runs, Stats.min(rates),
                Stats.max(rates), rates.stream().map(x -> String.format(Locale.ROOT, "%.1fM", x / 1e6))
                        .collect(Collectors.toList()), cpu[0] / 1e6 / runs, cpu[1] / 1e6 / runs);
        return m;
    }
}
