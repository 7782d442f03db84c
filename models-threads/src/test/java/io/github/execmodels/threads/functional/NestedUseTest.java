package io.github.execmodels.threads.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.Fn;
import io.github.execmodels.Task;
import io.github.execmodels.threads.ThreadPoolModel;
import io.github.execmodels.threads.testing.Threads;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * Work that waits for work of its own model: with a pool of one thread, {@code map} and {@code submit(...).join()}
 * from inside a task must complete (the waiting thread runs what nobody has started) instead of deadlocking.
 */
@Timeout(60)
class NestedUseTest {

    private static final List<Integer> DATA = IntStream.range(0, 200).boxed().collect(Collectors.toList());

    private static ThreadPoolModel model(String flavour, ExecutorService owned) {
        switch (flavour) {
            case "one platform thread":
                return ThreadPoolModel.builder().threads(1).build();
            case "an owned executor of one thread":
                return ThreadPoolModel.builder().executor(owned).build();
            case "virtual threads":
                Assumptions.assumeTrue(Threads.java21(), "virtual threads need Java 21+");
                return ThreadPoolModel.builder().virtualThreads().parallelism(1).build();
            default:
                throw new IllegalArgumentException(flavour);
        }
    }


    @ParameterizedTest
    @ValueSource(strings = {"one platform thread", "an owned executor of one thread", "virtual threads"})
    void mapInsideATaskOfTheSameModel(String flavour) {
        ExecutorService owned = Executors.newSingleThreadExecutor();
        try (ThreadPoolModel model = model(flavour, owned)) {
            Task<List<Integer>> outer = model.submit(() -> model.map(x -> x * 3, DATA));
            assertThat(outer.join()).isEqualTo(DATA.stream().map(x -> x * 3).collect(Collectors.toList()));
        } finally {
            owned.shutdown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"one platform thread", "an owned executor of one thread", "virtual threads"})
    void submitAndJoinInsideATaskOfTheSameModel(String flavour) {
        ExecutorService owned = Executors.newSingleThreadExecutor();
        try (ThreadPoolModel model = model(flavour, owned)) {
            Task<String> outer = model.submit(() -> model.submit(() -> "inner").join() + " then outer");
            assertThat(outer.join()).isEqualTo("inner then outer");
            Task<Integer> viaGet = model.submit(() -> model.submit(() -> 7).get() + 1);
            assertThat(viaGet.join()).isEqualTo(8);
        } finally {
            owned.shutdown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"one platform thread", "an owned executor of one thread", "virtual threads"})
    void mapInsideMapAndImapInsideATask(String flavour) {
        ExecutorService owned = Executors.newSingleThreadExecutor();
        try (ThreadPoolModel model = model(flavour, owned)) {
            Fn<Integer, Integer> sumOfInnerMap = x -> model.map(y -> y + x, List.of(1, 2, 3)).stream()
                    .mapToInt(Integer::intValue).sum();
            assertThat(model.map(sumOfInnerMap, List.of(0, 10, 20))).containsExactly(6, 36, 66);
            Task<Long> viaImap = model.submit(() -> {
                try (Stream<Integer> stream = model.imap(x -> x, DATA)) {
                    return stream.count();
                }
            });
            assertThat(viaImap.join()).isEqualTo(200L);
        } finally {
            owned.shutdown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"one platform thread", "an owned executor of one thread", "virtual threads"})
    void theExecutorServiceViewInsideATaskOfTheSameModel(String flavour) {
        ExecutorService owned = Executors.newSingleThreadExecutor();
        try (ThreadPoolModel model = model(flavour, owned)) {
            ExecutorService view = model.asExecutorService();
            List<Callable<Integer>> two = List.of(() -> 1, () -> 2);
            Task<Integer> outer = model.submit(() -> view.submit(() -> 20).get() + view.invokeAll(two).get(1).get());
            assertThat(outer.join()).isEqualTo(22);
        } finally {
            owned.shutdown();
        }
    }
}
