package io.github.execmodels.examples;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Models;
import io.github.execmodels.examples.primes.Primes;
import java.util.List;

/**
 * The snippets of the README and of the docs' opening lines, compiled and run by a test, so that the docs cannot
 * drift from the API ({@code DocSnippetsTest} checks that every Java snippet in the docs appears in a source).
 */
public final class QuickStart {

    private QuickStart() {
    }

    /** The README's quick start. */
    public static List<Boolean> readme(List<Integer> numbers) {
        try (ExecutionModel model = Models.threads(4)) {
            List<Boolean> isPrime = model.map(Primes::isPrime, numbers); // ordered, blocking, fail-fast
            return isPrime;
        }
    }

    /** The opening line of docs/sequential.md. */
    public static List<Integer> sequential(List<String> words) {
        List<Integer> lengths = Models.sequential().map(String::length, words);
        return lengths;
    }

    public static void main(String[] args) {
        System.out.println(readme(List.of(1, 2, 3, 4, 5, 6, 7)));
        System.out.println(sequential(List.of("one", "two", "three")));
    }
}
