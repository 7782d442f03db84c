package io.github.execmodels.examples.primes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Models;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimesTest {

    @Test
    void bothTestsAgreeWithTheKnownPrimes() {
        try (ExecutionModel model = Models.sequential()) {
            List<Integer> expected = List.of(2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47);
            assertThat(Primes.getPrimeNumbers(model, 50, Primes.test(false))).isEqualTo(expected);
            assertThat(Primes.getPrimeNumbers(model, 50, Primes.test(true))).isEqualTo(expected);
        }
    }

    @Test
    void thereAre1229PrimesBelowTenThousand() {
        try (ExecutionModel model = Models.sequential()) {
            assertThat(Primes.getPrimeNumbers(model, 10_000, Primes.test(true))).hasSize(1229);
        }
    }

    @Test
    void theExperimentTimesEveryRowAndSkipsWhatIsMissing() {
        PrimeExperiment experiment = new PrimeExperiment(500, 2, false);
        PrimeExperiment.Row row = experiment.run("sequential", done -> { });
        assertThat(row.ran()).isTrue();
        assertThat(row.primes()).isEqualTo(95);
        assertThat(row.seconds()).isPositive();
        assertThat(experiment.run("no-such-kind", done -> { }).ran()).isFalse();
    }
}
