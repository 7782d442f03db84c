package io.github.execmodels.threads.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.Fn;
import io.github.execmodels.MapOptions;
import io.github.execmodels.threads.ThreadPoolModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The progress listener of {@link MapOptions} is called on the map's thread as elements complete. */
@Timeout(60)
class ProgressTest {

    @Test
    void progressGrowsToTheTotalOnTheCallingThread() {
        List<long[]> reports = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        MapOptions options = MapOptions.builder().progress((done, total) -> {
            reports.add(new long[] {done, total});
            threads.add(Thread.currentThread());
        }).build();
        List<Integer> data = IntStream.range(0, 300).boxed().collect(Collectors.toList());
        Fn<Integer, Integer> slowish = x -> {
            Thread.sleep(1);
            return x;
        };
        try (ThreadPoolModel model = ThreadPoolModel.builder().threads(3).build()) {
            assertThat(model.map(slowish, data, options)).isEqualTo(data);
        }
        assertThat(reports.size()).as("reported as elements complete, not once at the end").isGreaterThan(10);
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i)[0]).isGreaterThan(reports.get(i - 1)[0]);
            assertThat(reports.get(i)[1]).isEqualTo(300);
        }
        assertThat(reports.get(reports.size() - 1)[0]).isEqualTo(300);
        assertThat(Set.copyOf(threads)).containsExactly(Thread.currentThread());
    }

    @Test
    void failuresCountAsDoneInMapOutcomes() {
        List<Long> done = new ArrayList<>();
        MapOptions options = MapOptions.builder().progress((d, total) -> done.add(d)).build();
        try (ThreadPoolModel model = ThreadPoolModel.builder().threads(2).build()) {
            Fn<Integer, Integer> failOdd = x -> {
                if (x % 2 == 1) {
                    throw new IllegalStateException("odd");
                }
                return x;
            };
            assertThat(model.mapOutcomes(failOdd, IntStream.range(0, 100).boxed().collect(Collectors.toList()),
                    options)).hasSize(100);
        }
        assertThat(done.get(done.size() - 1)).isEqualTo(100L);
    }
}
