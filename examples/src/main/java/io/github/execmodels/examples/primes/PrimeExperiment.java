package io.github.execmodels.examples.primes;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Fn;
import io.github.execmodels.Models;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The lecture's experiment: {@code timeit(get_prime_numbers(n), number=r)} on each model, as a table of rows.
 *
 * <p>Each model is created once, outside the timed part (creating it is a cost paid once per program, which the
 * table reports separately), then warmed up with one call, then timed over {@code repetitions} calls.
 */
public final class PrimeExperiment {

    /** One row of the table. */
    public record Row(String model, int workers, double seconds, double setupSeconds, int primes, String note) {

        static Row skipped(String model, String why) {
            return new Row(model, 0, Double.NaN, Double.NaN, 0, why);
        }

        public boolean ran() {
            return !Double.isNaN(seconds);
        }
    }

    private final int n;
    private final int repetitions;
    private final Fn<Integer, Boolean> test;

    public PrimeExperiment(int n, int repetitions, boolean sqrt) {
        this.n = n;
        this.repetitions = repetitions;
        this.test = Primes.test(sqrt);
    }

    /**
     * The models of the lecture's table that the class path offers: sequential, 12 threads (the lecture's
     * figure), one thread per processor, virtual threads, one process per processor, the event loop.
     */
    public static List<String> defaultSpecs() {
        int cpus = Runtime.getRuntime().availableProcessors();
        List<String> specs = new ArrayList<>(List.of("sequential", "threads:12", "threads:" + cpus,
                "virtual-threads", "processes:" + cpus, "event-loop"));
        return specs;
    }

    /** Times one model; {@code onRepetition} is told after each timed call (for a progress bar). */
    public Row run(String spec, IntConsumer onRepetition) {
        String kind = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
        if (!Models.available().contains(kind)) {
            return Row.skipped(spec, "module not on the class path");
        }
        long setupStart = System.nanoTime();
        ExecutionModel model;
        try {
            model = Models.of(spec);
        } catch (UnsupportedOperationException e) {
            return Row.skipped(spec, e.getMessage());
        }
        try (model) {
            double setup = seconds(System.nanoTime() - setupStart);
            int primes = Primes.getPrimeNumbers(model, n, test).size(); // warm-up, and the answer
            long start = System.nanoTime();
            for (int i = 0; i < repetitions; i++) {
                Primes.getPrimeNumbers(model, n, test);
                onRepetition.accept(i + 1);
            }
            return new Row(model.name(), model.parallelism(), seconds(System.nanoTime() - start), setup, primes, "");
        }
    }

    public int n() {
        return n;
    }

    public int repetitions() {
        return repetitions;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
