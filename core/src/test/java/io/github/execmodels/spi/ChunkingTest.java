package io.github.execmodels.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.Fn;
import io.github.execmodels.Job;
import io.github.execmodels.internal.ResultArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How a model's maps cut their input into chunks, on a model whose chunks report a made-up cost per element. */
@Timeout(30)
class ChunkingTest {

    /** Runs each chunk at once on the caller and says it took {@code nanosPerElement} for each element. */
    private static final class CostedModel extends AbstractExecutionModel {
        final List<Integer> chunkSizes = Collections.synchronizedList(new ArrayList<>());
        final List<Long> chunkStarts = Collections.synchronizedList(new ArrayList<>());
        private final long nanosPerElement;

        CostedModel(long nanosPerElement) {
            super("costed", 2);
            this.nanosPerElement = nanosPerElement;
        }

        @Override
        protected <R> BasicTask<R> start(Job<R> job) {
            int size = job instanceof Chunk ? ((Chunk) job).size() : 1;
            chunkSizes.add(size);
            chunkStarts.add(job instanceof Chunk ? ((Chunk) job).firstIndex() : -1);
            BasicTask<R> task = new BasicTask<>(job) {
                @Override
                public long elapsedNanos() {
                    return size * nanosPerElement;
                }
            };
            task.run();
            return task;
        }

        @Override
        protected void shutdown() {
        }

        @Override
        protected long targetChunkNanos() {
            return TimeUnit.MILLISECONDS.toNanos(50);
        }

        @Override
        protected long minChunkNanos() {
            return TimeUnit.MICROSECONDS.toNanos(500);
        }
    }

    private static final List<Integer> NUMBERS = IntStream.range(0, 10_000).boxed().collect(Collectors.toList());

    @Test
    void aSecondMapOfTheSameFunctionStartsWithoutProbing() {
        try (CostedModel model = new CostedModel(1_000)) {
            Fn<Integer, Integer> twice = x -> 2 * x;
            model.map(twice, NUMBERS);
            assertThat(model.chunkSizes.get(0)).as("the first map probes with one element").isEqualTo(1);
            model.chunkSizes.clear();
            assertThat(model.map(twice, NUMBERS)).hasSize(NUMBERS.size()).element(9_999).isEqualTo(19_998);
            assertThat(model.chunkSizes.get(0)).as("a 1/(4 x 2) share, sized from the first map").isEqualTo(1_250);
        }
    }

    @Test
    void aLazyMapRemembersItsMeasurementToo() {
        try (CostedModel model = new CostedModel(1_000)) {
            Fn<Integer, Integer> twice = x -> 2 * x;
            assertThat(model.imap(twice, NUMBERS).count()).isEqualTo(NUMBERS.size());
            model.chunkSizes.clear();
            model.map(twice, NUMBERS);
            assertThat(model.chunkSizes.get(0)).isGreaterThan(1);
        }
    }

    @Test
    void theEndOfAMapIsBalancedDownToTheModelsLeastChunk() {
        try (CostedModel model = new CostedModel(1_000)) {
            Fn<Integer, Integer> twice = x -> 2 * x;
            model.map(twice, NUMBERS);
            // 10 ms of work: a tenth of the 50 ms target would have left it in two chunks of 5,000
            assertThat(model.chunkSizes.get(model.chunkSizes.size() - 1)).isLessThanOrEqualTo(500);
            assertThat(model.chunkSizes).hasSizeGreaterThan(8);
        }
    }

    @Test
    void aLargeMapKeepsItsResultsInSegmentsThatNoChunkCrosses() {
        int n = 3 * ResultArray.SEGMENT + 123;
        List<Integer> numbers = IntStream.range(0, n).boxed().collect(Collectors.toList());
        try (CostedModel model = new CostedModel(1_000)) {
            Fn<Integer, Integer> twice = x -> 2 * x;
            model.map(twice, numbers);
            model.chunkStarts.clear();
            model.chunkSizes.clear();
            List<Integer> results = model.map(twice, numbers);
            assertThat(results).hasSize(n);
            for (int i = 0; i < n; i += 997) {
                assertThat(results.get(i)).isEqualTo(2 * i);
            }
            assertThat(results.get(n - 1)).isEqualTo(2 * (n - 1));
            for (int i = 0; i < model.chunkStarts.size(); i++) {
                long first = model.chunkStarts.get(i);
                long last = first + model.chunkSizes.get(i) - 1;
                assertThat(last / ResultArray.SEGMENT).as("the segment of the chunk from %d", first)
                        .isEqualTo(first / ResultArray.SEGMENT);
            }
        }
    }
}
