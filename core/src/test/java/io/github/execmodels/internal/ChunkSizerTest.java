package io.github.execmodels.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ChunkSizerTest {

    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void probesWithOneElementUntilMeasured() {
        ChunkSizer sizer = new ChunkSizer(0, 2, MILLI);
        assertThat(sizer.next(1_000_000, Integer.MAX_VALUE)).isEqualTo(1);
        assertThat(sizer.next(999_999, Integer.MAX_VALUE)).isEqualTo(1);
    }

    @Test
    void cheapElementsGetLargeChunksBoundedByAShareOfWhatIsLeft() {
        ChunkSizer sizer = new ChunkSizer(0, 2, MILLI);
        sizer.record(10_000, 100_000); // 10 ns per element
        assertThat(sizer.next(1_000_000, Integer.MAX_VALUE)).isEqualTo(100_000); // 1 ms of work
        assertThat(sizer.next(100_000, Integer.MAX_VALUE)).isEqualTo(12_500); // a 1/(4 x 2) share
    }

    @Test
    void expensiveElementsTravelAlone() {
        ChunkSizer sizer = new ChunkSizer(0, 2, MILLI);
        sizer.record(3, 300 * MILLI); // 100 ms per element
        assertThat(sizer.next(20, Integer.MAX_VALUE)).isEqualTo(1);
    }

    @Test
    void aFixedSizeWinsButNeverExceedsWhatIsLeftOrTheCap() {
        ChunkSizer sizer = new ChunkSizer(50, 2, MILLI);
        assertThat(sizer.next(1_000, Integer.MAX_VALUE)).isEqualTo(50);
        assertThat(sizer.next(7, Integer.MAX_VALUE)).isEqualTo(7);
        assertThat(sizer.next(-1, 16)).isEqualTo(16);
    }

    @Test
    void aPriorMeasurementSkipsTheProbe() {
        ChunkSizer sizer = new ChunkSizer(0, 2, MILLI, MILLI / 10, 10.0); // an earlier map: 10 ns per element
        assertThat(sizer.next(1_000_000, Integer.MAX_VALUE)).isEqualTo(100_000);
    }

    @Test
    void theEndOfAMapIsCutDownToTheLeastWorkAChunkShouldHold() {
        ChunkSizer sizer = new ChunkSizer(0, 2, 50 * MILLI, MILLI / 2, 0);
        sizer.record(10_000, 10 * MILLI); // 1 us per element
        assertThat(sizer.next(8_000, Integer.MAX_VALUE)).isEqualTo(1_000); // the 1/(4 x 2) share
        assertThat(sizer.next(1_000, Integer.MAX_VALUE)).isEqualTo(500); // 0.5 ms of work, not the 125 of a share
    }

    @Test
    void elementsThatGrowDearerAreJudgedByTheLatestChunkAtTheEnd() {
        ChunkSizer sizer = new ChunkSizer(0, 2, 50 * MILLI, MILLI / 2, 0);
        sizer.record(9_000, 900_000); // 100 ns per element on average
        sizer.record(500, 500_000); // but 1 us each in the latest chunk
        assertThat(sizer.next(2_000, Integer.MAX_VALUE)).isEqualTo(500); // 0.5 ms at 1 us, not 5,000 at 100 ns
    }

    @Test
    void aMapOfElementsThatGrowDearerEndsInSmallChunks() {
        // the lecture's shape: element i costs about i ns, 10,000 elements, 50 ms chunks, 0.5 ms at least
        ChunkSizer sizer = new ChunkSizer(0, 2, 50 * MILLI, MILLI / 2, 0);
        long total = 0;
        long last = 0;
        int next = 0;
        int n = 10_000;
        while (next < n) {
            int size = sizer.next(n - next, n - next);
            long cost = 0;
            for (int i = next; i < next + size; i++) {
                cost += i;
            }
            sizer.record(size, cost);
            total += cost;
            last = cost;
            next += size;
        }
        assertThat(last).as("the last chunk's work, against the map's %d ns", total).isLessThan(total / 20);
    }

    @Property
    void alwaysBetweenOneAndWhatIsAllowed(@ForAll @IntRange(min = 0, max = 10_000) int fixed,
            @ForAll @IntRange(min = 1, max = 64) int workers, @ForAll @LongRange(min = 1, max = 1_000_000) long remaining,
            @ForAll @LongRange(min = 1, max = 100_000) long cap, @ForAll @LongRange(min = 0, max = 1_000_000_000) long nanos,
            @ForAll @DoubleRange(min = 0, max = 1e9) double prior) {
        ChunkSizer sizer = new ChunkSizer(fixed, workers, MILLI, MILLI / 2, prior);
        sizer.record(100, nanos);
        int size = sizer.next(remaining, cap);
        assertThat(size).isBetween(1, (int) Math.min(remaining, cap));
    }
}
