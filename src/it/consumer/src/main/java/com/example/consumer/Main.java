package com.example.consumer;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Models;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Runs real work on three models found by coordinates alone; exits with 1 if any answer is wrong or a model is
 * missing. With the argument {@code module-path} it also fails unless it runs as a named module.
 */
public final class Main {

    private Main() {
    }

    static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        for (int d = 2; (long) d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    public static void main(String[] args) {
        boolean modulePath = List.of(args).contains("module-path");
        Module module = Main.class.getModule();
        System.out.println("running on the " + (module.isNamed() ? "module path as " + module.getName() : "class path")
                + "; models available: " + Models.available());
        boolean ok = module.isNamed() == modulePath
                && Models.available().containsAll(List.of("threads", "virtual-threads", "processes", "event-loop"));
        List<Integer> numbers = IntStream.rangeClosed(1, 20_000).boxed().collect(Collectors.toList());
        List<Boolean> expected = numbers.stream().map(Main::isPrime).collect(Collectors.toList());
        Map<String, Supplier<ExecutionModel>> models = Map.of(
                "Models.threads(2)", () -> Models.threads(2),
                "Models.processes(2)", () -> Models.processes(2),
                "Models.eventLoop()", Models::eventLoop);
        for (String name : List.of("Models.threads(2)", "Models.processes(2)", "Models.eventLoop()")) {
            try (ExecutionModel model = models.get(name).get()) {
                List<Boolean> actual = model.map(Main::isPrime, numbers);
                long primes = actual.stream().filter(b -> b).count();
                boolean same = actual.equals(expected);
                ok &= same;
                System.out.println(name + " (" + model.name() + "): " + primes + " primes up to 20000, "
                        + (same ? "as expected" : "WRONG"));
            }
        }
        if (!ok) {
            System.out.println("consumer check failed");
            System.exit(1);
        }
    }
}
