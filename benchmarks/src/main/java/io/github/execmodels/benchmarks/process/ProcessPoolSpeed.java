package io.github.execmodels.benchmarks.process;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Fn;
import io.github.execmodels.Models;
import io.github.execmodels.benchmarks.Workloads;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The speed targets of the process model, measured in one run, each as a ratio against a baseline measured in the
 * same run (medians of several runs; the machine is shared and noisy).
 *
 * <ol>
 *   <li>{@code isPrime} over 1..2,000,000: {@code processes(2).map} against {@code sequential().map}; target 1.7x.</li>
 *   <li>an almost free function over 1,000,000 integers: items per second of {@code processes(2).map}, against
 *       Python's {@code multiprocessing.Pool(2).map} with its default chunksize, run from the anchor script in the
 *       same sitting when {@code --anchors DIR} is given (or given as {@code --python-rate N}); target 3x.</li>
 *   <li>time from {@code Models.processes(2)} to the first result, against a bare {@code java -version} of the same
 *       JVM; target within 3x.</li>
 * </ol>
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.execmodels.benchmarks.process.ProcessPoolSpeed
 * [--anchors <folder of the Python anchor scripts>] [--repeats 5]}.
 */
public final class ProcessPoolSpeed {

    private ProcessPoolSpeed() {
    }

    public static void main(String[] args) throws Exception {
        int repeats = 5;
        Path anchors = null;
        double pythonRate = Double.NaN;
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
                default:
                    throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "java %s, %d processors, gc %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), gcNames());
        parallelProbe();
        startup(repeats);
        crashes(repeats);
        primes(repeats);
        double javaRate = identityRate(repeats);
        if (anchors != null) {
            pythonRate = pythonPoolRate(anchors);
        }
        if (!Double.isNaN(pythonRate)) {
            System.out.printf(Locale.ROOT, "identity 1M: python Pool(2).map default chunks %,.0f items/s"
                    + " -> processes(2) is %.2fx (target >= 3x)%n", pythonRate, javaRate / pythonRate);
        }
    }

    // ---- the machine

    private static String gcNames() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).collect(Collectors.joining("+"));
    }

    private static volatile long sink;

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
    private static void parallelProbe() throws InterruptedException {
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
                median(ratios), ratios.stream().map(x -> String.format(Locale.ROOT, "%.2f", x))
                        .collect(Collectors.toList()));
    }

    // ---- 1. primes

    private static void primes(int repeats) {
        List<Integer> data = IntStream.rangeClosed(1, 2_000_000).boxed().collect(Collectors.toList());
        Fn<Integer, Boolean> fn = Workloads::isPrime;
        List<Double> seq = new ArrayList<>();
        List<Double> proc = new ArrayList<>();
        try (ExecutionModel sequential = Models.sequential(); ExecutionModel processes = Models.processes(2)) {
            processes.map(fn, data.subList(0, 200_000)); // start and warm the workers
            sequential.map(fn, data.subList(0, 200_000));
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                List<Boolean> a = sequential.map(fn, data);
                long t1 = System.nanoTime();
                List<Boolean> b = processes.map(fn, data);
                long t2 = System.nanoTime();
                if (!a.equals(b)) {
                    throw new AssertionError("results differ");
                }
                seq.add((t1 - t0) / 1e6);
                proc.add((t2 - t1) / 1e6);
            }
        }
        double s = median(seq);
        double p = median(proc);
        System.out.printf(Locale.ROOT, "isPrime 1..2M: sequential %.0f ms, processes(2) %.0f ms (medians of %d: %s / %s)"
                + " -> %.2fx faster (target >= 1.7x)%n", s, p, repeats, round(seq), round(proc), s / p);
    }

    // ---- 2. an almost free function

    private static double identityRate(int repeats) {
        List<Integer> data = IntStream.range(0, 1_000_000).boxed().collect(Collectors.toList());
        Fn<Integer, Integer> identity = x -> x;
        List<Double> rates = new ArrayList<>();
        try (ExecutionModel processes = Models.processes(2)) {
            for (int r = 0; r < 3; r++) {
                processes.map(identity, data); // warm up the JIT on both sides
            }
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                List<Integer> out = processes.map(identity, data);
                long t1 = System.nanoTime();
                if (out.size() != data.size() || out.get(999_999) != 999_999) {
                    throw new AssertionError("wrong result");
                }
                rates.add(data.size() / ((t1 - t0) / 1e9));
            }
        }
        double m = median(rates);
        System.out.printf(Locale.ROOT, "identity 1M: processes(2).map %,.0f items/s (median of %d: %s)%n", m, repeats,
                rates.stream().map(x -> String.format(Locale.ROOT, "%,.0f", x)).collect(Collectors.toList()));
        return m;
    }

    private static double pythonPoolRate(Path anchors) throws Exception {
        Path json = Files.createTempFile("pool_overhead", ".json");
        try {
            ProcessBuilder pb = new ProcessBuilder("python3", "pool_overhead.py", "--repeats", "3",
                    "--crash-timeout", "3", "--json", json.toString());
            pb.directory(anchors.toFile());
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
            int code = pb.start().waitFor();
            if (code != 0) {
                throw new IllegalStateException("pool_overhead.py exited with " + code);
            }
            String text = Files.readString(json);
            Matcher m = Pattern.compile("\"pool2_map_1M_default_chunks\"\\s*:\\s*\\{\\s*\"median\"\\s*:\\s*([0-9.eE+]+)")
                    .matcher(text);
            if (!m.find()) {
                throw new IllegalStateException("no pool2_map_1M_default_chunks in " + json);
            }
            return Double.parseDouble(m.group(1));
        } finally {
            Files.deleteIfExists(json);
        }
    }

    // ---- crash detection

    /** Time from submitting a job that kills its worker to the caller's WorkerCrashedException. */
    private static void crashes(int repeats) {
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
                } catch (io.github.execmodels.WorkerCrashedException expected) {
                    times.add((System.nanoTime() - t0) / 1e6);
                }
                processes.submit(() -> 1).join(); // a replacement serves
            }
        }
        System.out.printf(Locale.ROOT, "crash: submit to WorkerCrashedException %.1f ms (median of %d: %s);"
                + " the pool went on serving after each%n", median(times), repeats, round(times));
    }

    // ---- 3. start-up

    private static void startup(int repeats) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Double> bare = new ArrayList<>();
        List<Double> pool = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            bare.add((System.nanoTime() - t0) / 1e6);
            long t1 = System.nanoTime();
            try (ExecutionModel processes = Models.processes(2)) {
                Integer one = processes.submit(() -> 1).join();
                pool.add((System.nanoTime() - t1) / 1e6);
                if (one != 1) {
                    throw new AssertionError();
                }
            }
        }
        double b = median(bare);
        double p = median(pool);
        System.out.printf(Locale.ROOT, "start-up: java -version %.0f ms, Models.processes(2) to first result %.0f ms"
                + " (medians of %d: %s / %s) -> %.2fx a bare JVM start (target <= 3x)%n", b, p, repeats, round(bare),
                round(pool), p / b);
        System.out.println("worker class path entries: " + System.getProperty("java.class.path").split(File.pathSeparator).length);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static List<Long> round(List<Double> values) {
        return values.stream().map(Math::round).collect(Collectors.toList());
    }
}
