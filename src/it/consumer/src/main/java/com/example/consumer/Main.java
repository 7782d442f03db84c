package com.example.consumer;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Models;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Runs real work on three models found by coordinates alone; exits with 1 if any answer is wrong. */
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
        List<Integer> numbers = IntStream.rangeClosed(1, 20_000).boxed().collect(Collectors.toList());
        List<Boolean> expected = numbers.stream().map(Main::isPrime).collect(Collectors.toList());
        boolean ok = true;
        for (String spec : List.of("threads:2", "processes:2", "event-loop")) {
            try (ExecutionModel model = Models.of(spec)) {
                List<Boolean> actual = model.map(Main::isPrime, numbers);
                long primes = actual.stream().filter(b -> b).count();
                boolean same = actual.equals(expected);
                ok &= same;
                System.out.println(spec + ": " + primes + " primes up to 20000, " + (same ? "as expected" : "WRONG"));
            }
        }
        if (!ok || !Models.available().containsAll(List.of("threads", "processes", "event-loop"))) {
            System.out.println("consumer check failed; available: " + Models.available());
            System.exit(1);
        }
    }
}
