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
}
