package io.github.execmodels.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.Outcome;
import io.github.execmodels.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random sleeps and random failures, on virtual time: gather and gatherOutcomes against a direct computation. */
class GatherPropertiesTest {

    private static final long SECOND = 1_000_000_000L;

    /** Element i sleeps delays[i] seconds, then fails if failing[i] is true, else returns i. */
    private static List<Task<Integer>> tasks(List<Integer> delays, List<Boolean> failing) {
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < delays.size(); i++) {
            int index = i;
            boolean fails = failing.get(i % failing.size());
            tasks.add(Async.spawn(() -> Async.sleep(Duration.ofSeconds(delays.get(index))).thenApply(v -> {
                if (fails) {
                    throw new IllegalStateException("boom at " + index);
                }
                return index;
            })));
        }
        return tasks;
    }

    @Property(tries = 40)
    void gatherFailsWithTheEarliestFailureOrReturnsEverythingInOrder(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 20) Integer> delays,
            @ForAll @Size(min = 1, max = 30) List<Boolean> failing) throws Exception {
        FakeTicker ticker = new FakeTicker();
        long start = ticker.nanoTime();
        Object result = VirtualTime.run(ticker, () -> Async.gather(tasks(delays, failing))
                .thenApply(list -> (Object) list).recover(e -> e));
        checkGather(result, ticker.nanoTime() - start, delays, failing);
    }

    @Property(tries = 40)
    void gatherOutcomesKeepsEveryOutcomeInInputOrder(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 20) Integer> delays,
            @ForAll @Size(min = 1, max = 30) List<Boolean> failing) throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<Outcome<Integer>> outcomes = VirtualTime.run(ticker, () -> Async.gatherOutcomes(tasks(delays, failing)));
        checkOutcomes(outcomes, delays, failing);
    }

    /**
     * Checks what a gather of elements made as {@link #tasks} describes gave ({@code result}: the list, or the
     * failure) and how long it took on virtual time.
     */
    static void checkGather(Object result, long elapsedNanos, List<Integer> delays, List<Boolean> failing) {
        int firstFailure = -1;
        long maxDelay = 0;
        for (int i = 0; i < delays.size(); i++) {
            maxDelay = Math.max(maxDelay, delays.get(i));
            if (failing.get(i % failing.size())
                    && (firstFailure < 0 || delays.get(i) < delays.get(firstFailure))) {
                firstFailure = i;
            }
        }
        if (firstFailure < 0) {
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < delays.size(); i++) {
                expected.add(i);
            }
            assertThat(result).isEqualTo(expected);
            assertThat(elapsedNanos).isEqualTo(maxDelay * SECOND);
        } else {
            assertThat(result).isInstanceOf(IllegalStateException.class);
            assertThat(((Throwable) result).getMessage()).isEqualTo("boom at " + firstFailure);
            assertThat(elapsedNanos).isEqualTo(delays.get(firstFailure) * SECOND);
        }
    }

    /** Checks the outcomes of a gatherOutcomes of elements made as {@link #tasks} describes. */
    static void checkOutcomes(List<Outcome<Integer>> outcomes, List<Integer> delays, List<Boolean> failing) {
        assertThat(outcomes).hasSize(delays.size());
        for (int i = 0; i < delays.size(); i++) {
            Outcome<Integer> o = outcomes.get(i);
            assertThat(o.index()).isEqualTo(i);
            if (failing.get(i % failing.size())) {
                assertThat(o.isSuccess()).isFalse();
                assertThat(o.failure().getCause()).hasMessage("boom at " + i);
            } else {
                assertThat(o.value()).isEqualTo(i);
            }
        }
    }
}
