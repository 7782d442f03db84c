package io.github.execmodels.benchmarks;

/** The work the benchmarks share, so that every model is measured on the same function. */
public final class Workloads {

    private Workloads() {
    }

    /** Trial division by odd numbers up to the square root: the prime test of the CPU-bound benchmarks. */
    public static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (int d = 3; (long) d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /** Trial division by every number from 2 to n-1: the lecture's {@code is_prime_number}. */
    public static boolean isPrimeLinear(int n) {
        if (n < 2) {
            return false;
        }
        for (int d = 2; d < n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /** Trial division by odd numbers up to the square root, for large numbers: coarse work of tens of microseconds. */
    public static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (long d = 3; d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
