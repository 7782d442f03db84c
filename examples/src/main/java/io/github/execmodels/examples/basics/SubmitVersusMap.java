package io.github.execmodels.examples.basics;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Models;
import io.github.execmodels.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * The lecture's comparison of {@code executor.submit} and {@code executor.map}, on any model.
 *
 * <ul>
 *   <li>{@code submit}: one call per piece of work, each with its own arguments (even its own function); you get a
 *       {@link Task} per call and decide when to wait for which.</li>
 *   <li>{@code map}: one function over an iterable; you get all results, in input order, in one call (and the model
 *       chunks the work for you).</li>
 * </ul>
 */
public final class SubmitVersusMap {

    private SubmitVersusMap() {
    }

    static long power(long base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }

    /** {@code submit}: varied arguments, one task each, joined in the order we choose. */
    public static List<Long> withSubmit(ExecutionModel model) {
        List<Task<Long>> tasks = new ArrayList<>();
        tasks.add(model.submit(() -> power(2, 10)));
        tasks.add(model.submit(() -> power(3, 5)));
        tasks.add(model.submit(() -> power(10, 3)));
        List<Long> results = new ArrayList<>();
        for (Task<Long> task : tasks) {
            results.add(task.join());
        }
        return results;
    }

    /** {@code map}: one function over an iterable, results in input order. */
    public static List<Long> withMap(ExecutionModel model) {
        return model.map(exponent -> power(2, exponent), List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    }

    public static void main(String[] args) {
        String spec = args.length > 0 ? args[0] : "threads:4";
        try (ExecutionModel model = Models.of(spec)) {
            System.out.println("model: " + model.name());
            System.out.println("| | submit | map |");
            System.out.println("|---|---|---|");
            System.out.println("| call | one per piece of work | one for all |");
            System.out.println("| arguments | any, per call | one iterable |");
            System.out.println("| returns | a Task per call | the results, in input order |");
            System.out.println("| result here | " + withSubmit(model) + " | " + withMap(model) + " |");
        }
    }
}
