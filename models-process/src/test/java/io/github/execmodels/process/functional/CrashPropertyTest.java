package io.github.execmodels.process.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.Outcome;
import io.github.execmodels.WorkerCrashedException;
import io.github.execmodels.process.ProcessPoolModel;
import io.github.execmodels.process.testing.Faults;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random data, a random set of elements whose function throws and a random set that kills its worker: in the
 * every-outcome map each other element's result is delivered exactly once, in its place.
 */
class CrashPropertyTest {

    private static ProcessPoolModel pool;

    private static synchronized ProcessPoolModel pool() {
        if (pool == null) {
            pool = ProcessPoolModel.builder().workers(2).build();
        }
        return pool;
    }

    @AfterContainer
    static void closePool() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    static final class Case {
        final int size;
        final Set<Integer> throwing;
        final Set<Integer> crashing;

        Case(int size, Set<Integer> throwing, Set<Integer> crashing) {
            this.size = size;
            this.throwing = throwing;
            this.crashing = crashing;
        }

        @Override
        public String toString() {
            return size + " elements, throwing at " + throwing + ", crashing at " + crashing;
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.integers().between(1, 400).flatMap(size -> Combinators.combine(
                Arbitraries.integers().between(0, size - 1).set().ofMaxSize(6),
                Arbitraries.integers().between(0, size - 1).set().ofMaxSize(2))
                .as((throwing, crashing) -> new Case(size, throwing, crashing)));
    }

    @Property(tries = 12)
    void everyOtherResultIsDeliveredExactlyOnce(@ForAll("cases") Case c) {
        List<Integer> data = IntStream.range(0, c.size).boxed().collect(Collectors.toList());
        List<Outcome<Integer>> outcomes = pool().mapOutcomes(Faults.dieOrThrow(c.crashing, c.throwing), data);
        assertThat(outcomes).hasSize(c.size);
        for (int i = 0; i < c.size; i++) {
            Outcome<Integer> o = outcomes.get(i);
            assertThat(o.index()).isEqualTo(i);
            if (c.crashing.contains(i)) {
                assertThat(o.failure()).isInstanceOf(WorkerCrashedException.class);
                assertThat(o.failure().index()).isEqualTo(i);
            } else if (c.throwing.contains(i)) {
                assertThat(o.failure().getCause()).isInstanceOf(IllegalStateException.class).hasMessage("boom at " + i);
                assertThat(o.failure().index()).isEqualTo(i);
            } else {
                assertThat(o.value()).isEqualTo(2 * i);
            }
        }
    }
}
