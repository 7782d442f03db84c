package io.github.execmodels.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.MapOptions;
import io.github.execmodels.Models;
import io.github.execmodels.threads.testing.Threads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Java snippets of {@code docs/threads.md}, line for line, run (the examples module checks that every snippet of
 * the docs appears in a compiled source).
 */
@Timeout(60)
class DocSnippetsTest {

    /** The lecture's prime test, by trial division. */
    static final class Primes {
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
    }

    private final List<Integer> numbers = IntStream.rangeClosed(1, 10_000).boxed().collect(Collectors.toList());

    @Test
    void theOneLiner() {
        List<Boolean> primes = Models.threads(4).map(Primes::isPrime, numbers);
        assertThat(primes.stream().filter(p -> p)).hasSize(1229);
    }

    @Test
    void tryWithResources() {
        try (ExecutionModel model = Models.threads(4)) {
            List<Boolean> primes = model.map(Primes::isPrime, numbers);
            report(primes);
        }
    }

    private static void report(List<Boolean> primes) {
        assertThat(primes.stream().filter(p -> p)).hasSize(1229);
    }

    @Test
    void theThreeFlavours() throws Exception {
        ExecutorService myExecutor = Executors.newFixedThreadPool(2);
        ThreadPoolModel pool = ThreadPoolModel.builder().threads(8).threadNamePrefix("pricing-")
                .closeTimeout(Duration.ofSeconds(5)).build();
        ThreadPoolModel mine = ThreadPoolModel.builder().executor(myExecutor).build();
        try (pool; mine) {
            assertThat(pool.parallelism()).isEqualTo(8);
            assertThat(mine.map(x -> x + 1, List.of(1))).containsExactly(2);
        } finally {
            myExecutor.shutdown();
        }
        if (Threads.java21()) {
            ThreadPoolModel virtual = ThreadPoolModel.builder().virtualThreads().parallelism(1_000).build();
            try (virtual) {
                assertThat(virtual.parallelism()).isEqualTo(1_000);
            }
        }
    }

    @Test
    void optionsAndTheExecutorServiceView() throws Exception {
        try (ThreadPoolModel model = ThreadPoolModel.builder().threads(2).build()) {
            MapOptions options = MapOptions.builder().chunkSize(100).timeout(Duration.ofMinutes(1))
                    .progress((done, total) -> System.err.printf("%d of %d%n", done, total)).build();
            List<Boolean> primes = model.map(Primes::isPrime, numbers, options);
            List<Callable<String>> downloads = List.of(() -> "page 1", () -> "page 2");
            ExecutorService executor = model.asExecutorService();
            List<Future<String>> pages = executor.invokeAll(downloads);
            assertThat(primes).hasSize(10_000);
            assertThat(pages.get(1).get()).isEqualTo("page 2");
        }
    }
}
