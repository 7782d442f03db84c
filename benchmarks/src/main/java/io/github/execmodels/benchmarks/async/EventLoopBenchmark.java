package io.github.execmodels.benchmarks.async;

import io.github.execmodels.Task;
import io.github.execmodels.async.Async;
import io.github.execmodels.async.AsyncTask;
import io.github.execmodels.async.EventLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whole-run comparison of the event loop with the Python asyncio anchors ({@code asyncio_bench.py}, parts b, c and
 * d), run on the same machine in the same sitting. Each figure is the median of {@code --repeats} runs after one
 * warm-up run (the JIT compiles on the warm-up; CPython has nothing to warm up).
 *
 * <pre>
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar io.github.execmodels.benchmarks.async.EventLoopBenchmark \
 *     --parts b,c,d [--python py.json ...]
 * </pre>
 *
 * With {@code --python} files (the {@code --json} output of the anchor script), it prints the ratios too.
 */
public final class EventLoopBenchmark {

    private EventLoopBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> parts = new HashSet<>(List.of("b", "c", "d"));
        int repeats = 3;
        List<Path> python = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--parts":
                    parts = new HashSet<>(Arrays.asList(args[++i].split(",")));
                    break;
                case "--repeats":
                    repeats = Integer.parseInt(args[++i]);
                    break;
                case "--python":
                    python.add(Path.of(args[++i]));
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "java %s, max heap %d MiB, %d cpus%n", System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        List<String[]> results = new ArrayList<>();
        if (parts.contains("c")) {
            double tps = median(repeats, EventLoopBenchmark::trivialTasks);
            report(results, "c_1M_noop_tasks_gather_batch10000", tps, "tasks/s", true);
        }
        if (parts.contains("d")) {
            report(results, "d_call_soon_1M_bulk", median(repeats, () -> callSoon(1_000_000, false)),
                    "callbacks/s", true);
            report(results, "d_call_soon_1M_chained", median(repeats, () -> callSoon(1_000_000, true)),
                    "callbacks/s", true);
        }
        if (parts.contains("b")) {
            for (int n : new int[] {100_000, 1_000_000}) {
                sleepers(n / 10); // warm-up
                double wall = median(repeats, () -> sleepers(n));
                report(results, "b_sleep10ms_x" + n + "_wall", wall, "s", false);
                System.out.printf(Locale.ROOT, "   peak RSS so far %.0f MiB, heap limit %d MiB%n", peakRssMib(),
                        Runtime.getRuntime().maxMemory() >> 20);
            }
        }
        if (!python.isEmpty()) {
            System.out.println();
            System.out.println("| anchor | asyncio (median) | execmodels event loop (median) | ratio |");
            System.out.println("|---|---|---|---|");
            for (String[] r : results) {
                Double py = null;
                for (Path p : python) {
                    Double v = pythonMedian(p, r[0]);
                    if (v != null) {
                        py = v;
                    }
                }
                if (py == null) {
                    continue;
                }
                double java = Double.parseDouble(r[1]);
                boolean higherIsBetter = Boolean.parseBoolean(r[3]);
                double ratio = higherIsBetter ? java / py : py / java;
                System.out.printf(Locale.ROOT, "| %s | %s %s | %s %s | %.1fx %s |%n", r[0], fmt(py), r[2],
                        fmt(java), r[2], ratio, higherIsBetter ? "the rate" : "faster");
            }
        }
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static void report(List<String[]> results, String name, double median, String unit,
            boolean higherIsBetter) {
        System.out.printf(Locale.ROOT, "%-36s median %14s %s%n", name, fmt(median), unit);
        results.add(new String[] {name, Double.toString(median), unit, Boolean.toString(higherIsBetter)});
    }

    interface Run {
        double once() throws Exception;
    }

    private static double median(int repeats, Run run) throws Exception {
        run.once(); // warm-up
        double[] runs = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            runs[i] = run.once();
        }
        System.out.println("   runs " + Arrays.toString(runs));
        Arrays.sort(runs);
        return runs[repeats / 2];
    }

    /** Part b: n coroutines that each sleep 10 ms, gathered; returns the wall time in seconds. */
    static double sleepers(int n) {
        return EventLoop.run(() -> {
            long t0 = System.nanoTime();
            List<Task<Void>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tasks.add(Async.spawn(() -> Async.sleep(0.01)));
            }
            return Async.gather(tasks).thenApply(v -> (System.nanoTime() - t0) / 1e9);
        });
    }

    /** Part c: 1M trivial coroutines started as tasks, gathered in batches of 10,000; returns tasks/s. */
    static double trivialTasks() {
        int total = 1_000_000;
        int batch = 10_000;
        return EventLoop.run(() -> {
            long t0 = System.nanoTime();
            return batches(total / batch, batch).thenApply(v -> total / ((System.nanoTime() - t0) / 1e9));
        });
    }

    private static AsyncTask<Void> batches(int left, int batch) {
        if (left == 0) {
            return Async.completed(null);
        }
        List<Task<Object>> tasks = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            tasks.add(Async.spawn(() -> Async.completed(null)));
        }
        return Async.gather(tasks).thenCompose(v -> batches(left - 1, batch));
    }

    /** Part d: callSoon, a million scheduled up front or chained one per turn; returns callbacks/s. */
    static double callSoon(int n, boolean chained) {
        return EventLoop.run(() -> {
            EventLoop loop = Async.loop();
            AsyncTask<Double> done = Async.promise();
            int[] count = {0};
            long t0 = System.nanoTime();
            Runnable[] cb = new Runnable[1];
            cb[0] = () -> {
                count[0]++;
                if (count[0] == n) {
                    done.complete(n / ((System.nanoTime() - t0) / 1e9));
                } else if (chained) {
                    loop.callSoon(cb[0]);
                }
            };
            if (chained) {
                loop.callSoon(cb[0]);
            } else {
                for (int i = 0; i < n; i++) {
                    loop.callSoon(cb[0]);
                }
            }
            return done;
        });
    }

    static double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Reads {@code "name": {"median": x ...}} from the anchor's JSON without a JSON library. */
    static Double pythonMedian(Path file, String name) throws IOException {
        String json = Files.readString(file);
        int at = json.indexOf("\"" + name + "\"");
        if (at < 0) {
            return null;
        }
        int m = json.indexOf("\"median\"", at);
        if (m < 0) {
            return null;
        }
        int colon = json.indexOf(':', m);
        int end = colon + 1;
        while (end < json.length() && "0123456789.eE+- ".indexOf(json.charAt(end)) >= 0) {
            end++;
        }
        return Double.parseDouble(json.substring(colon + 1, end).trim());
    }
}
