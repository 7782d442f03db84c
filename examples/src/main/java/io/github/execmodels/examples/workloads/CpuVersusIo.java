package io.github.execmodels.examples.workloads;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Fn;
import io.github.execmodels.Models;
import io.github.execmodels.examples.primes.Primes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The same two workloads on each model: CPU-bound (testing numbers for primality) and I/O-bound (tasks that wait,
 * here a blocking sleep standing for a network call).
 *
 * <p>What it shows: threads help both in Java (no GIL), as many at once as there are threads; processes help CPU
 * work; virtual threads overlap every wait at once; the sequential model and the event loop run a blocking call
 * one at a time (the loop overlaps waits only when the code waits cooperatively, with {@code Async.sleep} and
 * non-blocking sockets, as the asyncio demo shows).
 */
public final class CpuVersusIo {

    /** One line of the table. */
    public record Row(String model, double cpuSeconds, double ioSeconds, String note) {
    }

    private CpuVersusIo() {
    }

    /** Primality of 1..n, square-root trial division. */
    public static Fn<Integer, Boolean> cpuWork() {
        return Primes::isPrimeSqrt;
    }

    /** A blocking wait of {@code millis}, standing for an I/O call. */
    public static Fn<Integer, Integer> ioWork(long millis) {
        return x -> {
            Thread.sleep(millis);
            return x;
        };
    }

    public static List<String> defaultSpecs() {
        int cpus = Runtime.getRuntime().availableProcessors();
        return List.of("sequential", "threads:" + cpus, "threads:64", "virtual-threads", "processes:" + cpus,
                "event-loop");
    }

    /** Runs both workloads on each model the class path offers. */
    public static List<Row> run(List<String> specs, int cpuN, int ioTasks, long ioMillis) {
        List<Integer> numbers = IntStream.rangeClosed(1, cpuN).boxed().collect(Collectors.toList());
        List<Integer> waits = IntStream.range(0, ioTasks).boxed().collect(Collectors.toList());
        List<Row> rows = new ArrayList<>();
        for (String spec : specs) {
            String kind = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
            if (!Models.available().contains(kind)) {
                rows.add(new Row(spec, Double.NaN, Double.NaN, "module not on the class path"));
                continue;
            }
            try (ExecutionModel model = Models.of(spec)) {
                model.map(cpuWork(), numbers); // warm-up
                double cpu = time(() -> model.map(cpuWork(), numbers));
                double io = time(() -> model.map(ioWork(ioMillis), waits));
                rows.add(new Row(model.name(), cpu, io, ""));
            } catch (UnsupportedOperationException e) {
                rows.add(new Row(spec, Double.NaN, Double.NaN, e.getMessage()));
            }
        }
        return rows;
    }

    private static double time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    public static void main(String[] args) {
        int cpuN = 300_000;
        int ioTasks = 200;
        long ioMillis = 10;
        System.out.printf(Locale.ROOT, "CPU: primality of 1..%d; I/O: %d blocking waits of %d ms%n%n", cpuN, ioTasks,
                ioMillis);
        System.out.printf(Locale.ROOT, "%-18s %10s %10s%n", "model", "CPU s", "I/O s");
        for (Row row : run(defaultSpecs(), cpuN, ioTasks, ioMillis)) {
            if (Double.isNaN(row.cpuSeconds())) {
                System.out.printf(Locale.ROOT, "%-18s skipped: %s%n", row.model(), row.note());
            } else {
                System.out.printf(Locale.ROOT, "%-18s %10.3f %10.3f%n", row.model(), row.cpuSeconds(),
                        row.ioSeconds());
            }
        }
    }
}
