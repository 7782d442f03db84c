package io.github.execmodels.examples.primes;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Fn;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The lecture's prime-number workload: {@code is_prime_number} and {@code get_prime_numbers(n)}.
 *
 * <p>The lecture's test tries every divisor from 2 to n-1; its figures (4.64 s sequential, 8.37 s on 12 Python
 * threads) match that version, so it is the default here. The square-root variant is what one would write today.
 */
public final class Primes {

    private Primes() {
    }

    /** Trial division by every number from 2 to n-1, as in the lecture. */
    public static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        for (int divisor = 2; divisor < n; divisor++) {
            if (n % divisor == 0) {
                return false;
            }
        }
        return true;
    }

    /** Trial division by every number from 2 to the square root of n. */
    public static boolean isPrimeSqrt(int n) {
        if (n < 2) {
            return false;
        }
        for (int divisor = 2; (long) divisor * divisor <= n; divisor++) {
            if (n % divisor == 0) {
                return false;
            }
        }
        return true;
    }

    /** The test to use: {@code Primes::isPrime}, or {@code Primes::isPrimeSqrt} when {@code sqrt} is set. */
    public static Fn<Integer, Boolean> test(boolean sqrt) {
        return sqrt ? Primes::isPrimeSqrt : Primes::isPrime;
    }

    /** The numbers 1..n. */
    public static List<Integer> range(int n) {
        return IntStream.rangeClosed(1, n).boxed().collect(Collectors.toList());
    }

    /**
     * {@code get_prime_numbers(n)} on any model: the same call whatever the model, like {@code itertools.compress}
     * over the lecture's {@code executor.map(is_prime_number, range)}.
     */
    public static List<Integer> getPrimeNumbers(ExecutionModel model, int n, Fn<Integer, Boolean> test) {
        List<Integer> numbers = range(n);
        List<Boolean> isPrime = model.map(test, numbers);
        List<Integer> primes = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            if (isPrime.get(i)) {
                primes.add(numbers.get(i));
            }
        }
        return primes;
    }
}
