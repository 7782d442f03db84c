package io.github.execmodels.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lecture's asyncio demos, checked on the loop's own (virtual) clock, never on wall time. */
@Timeout(60)
class LectureDemoTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void threeAwaitedSleepsRunOneAfterTheOther() throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<Long> ends = new ArrayList<>();
        long start = ticker.nanoTime();
        VirtualTime.run(ticker, () -> Async.sleep(1.0)
                .thenCompose(v -> {
                    ends.add(Async.loop().nanoTime() - start);
                    return Async.sleep(1.0);
                })
                .thenCompose(v -> {
                    ends.add(Async.loop().nanoTime() - start);
                    return Async.sleep(1.0);
                })
                .thenApply(v -> ends.add(Async.loop().nanoTime() - start)));
        assertThat(ends).containsExactly(SECOND, 2 * SECOND, 3 * SECOND);
    }

    @Test
    void threeTasksCreatedThenAwaitedOverlap() throws Exception {
        FakeTicker ticker = new FakeTicker();
        long start = ticker.nanoTime();
        List<Long> ends = new ArrayList<>();
        VirtualTime.run(ticker, () -> {
            List<AsyncTask<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                tasks.add(Async.spawn(() -> Async.sleep(1.0)
                        .thenApply(v -> ends.add(Async.loop().nanoTime() - start))));
            }
            return tasks.get(0).thenCompose(v -> tasks.get(1)).thenCompose(v -> tasks.get(2));
        });
        assertThat(ends).containsExactly(SECOND, SECOND, SECOND);
    }

    @Test
    void gatheredSleepsOverlapAndKeepTheirOrder() throws Exception {
        FakeTicker ticker = new FakeTicker();
        long start = ticker.nanoTime();
        List<String> order = new ArrayList<>();
        List<String> results = VirtualTime.run(ticker, () -> {
            List<Task<String>> tasks = new ArrayList<>();
            for (int i = 3; i >= 1; i--) {
                String name = "sleep " + i;
                tasks.add(Async.sleep(Duration.ofSeconds(i), name).thenApply(v -> {
                    order.add(v);
                    return v;
                }));
            }
            return Async.gather(tasks);
        });
        assertThat(ticker.nanoTime() - start).isEqualTo(3 * SECOND);
        assertThat(results).containsExactly("sleep 3", "sleep 2", "sleep 1");
        assertThat(order).containsExactly("sleep 1", "sleep 2", "sleep 3");
    }
}
