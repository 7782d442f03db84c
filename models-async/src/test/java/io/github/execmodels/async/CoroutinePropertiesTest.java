package io.github.execmodels.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.Outcome;
import io.github.execmodels.async.coroutines.NeedsJava21;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * The event-loop properties of {@link GatherPropertiesTest} (gather, failures) and cancellation, with await-style
 * coroutine bodies instead of composed callbacks, on virtual time.
 */
@AddLifecycleHook(value = NeedsJava21.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class CoroutinePropertiesTest {

    /** Element i awaits a sleep of delays[i] seconds, then fails if failing[i] is true, else returns i. */
    private static List<AsyncTask<Integer>> bodies(List<Integer> delays, List<Boolean> failing) {
        List<AsyncTask<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < delays.size(); i++) {
            int index = i;
            boolean fails = failing.get(i % failing.size());
            tasks.add(Async.coroutine(() -> {
                Async.await(Async.sleep(Duration.ofSeconds(delays.get(index))));
                if (fails) {
                    throw new IllegalStateException("boom at " + index);
                }
                return index;
            }));
        }
        return tasks;
    }

    @Property(tries = 30)
    void gatherFailsWithTheEarliestFailureOrReturnsEverythingInOrder(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 20) Integer> delays,
            @ForAll @Size(min = 1, max = 30) List<Boolean> failing) throws Exception {
        FakeTicker ticker = new FakeTicker();
        long start = ticker.nanoTime();
        Object result = VirtualTime.run(ticker, () -> Async.coroutine(() -> {
            try {
                return Async.await(Async.gather(bodies(delays, failing)));
            } catch (IllegalStateException e) {
                return e;
            }
        }));
        GatherPropertiesTest.checkGather(result, ticker.nanoTime() - start, delays, failing);
    }

    @Property(tries = 30)
    void gatherOutcomesKeepsEveryOutcomeInInputOrder(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 20) Integer> delays,
            @ForAll @Size(min = 1, max = 30) List<Boolean> failing) throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<Outcome<Integer>> outcomes = VirtualTime.run(ticker, () -> Async.coroutine(() ->
                Async.await(Async.gatherOutcomes(bodies(delays, failing)))));
        GatherPropertiesTest.checkOutcomes(outcomes, delays, failing);
    }

    /** Cancelling at a random second cancels exactly the bodies still sleeping then; each one's finally runs. */
    @Property(tries = 30)
    void cancellingAGatherCancelsExactlyTheBodiesStillSuspended(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 20) Integer> delays,
            @ForAll @IntRange(min = 0, max = 21) int cancelAt) throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<String> ends = new ArrayList<>();
        List<AsyncTask<Integer>> tasks = new ArrayList<>();
        String outcome = VirtualTime.run(ticker, () -> Async.coroutine(() -> {
            for (int i = 0; i < delays.size(); i++) {
                int index = i;
                tasks.add(Async.coroutine(() -> {
                    try {
                        Async.await(Async.sleep(Duration.ofSeconds(delays.get(index)).minusMillis(1)));
                        ends.add(index + " done");
                        return index;
                    } catch (CancellationException e) {
                        ends.add(index + " cancelled");
                        throw e;
                    }
                }));
            }
            AsyncTask<List<Integer>> all = Async.gather(tasks);
            Async.await(Async.sleep(Duration.ofSeconds(cancelAt)));
            all.cancel();
            try {
                Async.await(all);
                return "all done";
            } catch (CancellationException e) {
                return "cancelled";
            }
        }));
        boolean anyLeft = delays.stream().anyMatch(d -> d > cancelAt);
        assertThat(outcome).isEqualTo(anyLeft ? "cancelled" : "all done");
        assertThat(ends).hasSize(delays.size());
        for (int i = 0; i < delays.size(); i++) {
            boolean finished = delays.get(i) <= cancelAt;
            assertThat(ends).contains(i + (finished ? " done" : " cancelled"));
            assertThat(tasks.get(i).status().toString()).isEqualTo(finished ? "SUCCEEDED" : "CANCELLED");
        }
    }
}
