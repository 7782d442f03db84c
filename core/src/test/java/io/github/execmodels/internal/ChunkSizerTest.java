package io.github.execmodels.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
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

    @Property
    void alwaysBetweenOneAndWhatIsAllowed(@ForAll @IntRange(min = 0, max = 10_000) int fixed,
            @ForAll @IntRange(min = 1, max = 64) int workers, @ForAll @LongRange(min = 1, max = 1_000_000) long remaining,
            @ForAll @LongRange(min = 1, max = 100_000) long cap, @ForAll @LongRange(min = 0, max = 1_000_000_000) long nanos) {
        ChunkSizer sizer = new ChunkSizer(fixed, workers, MILLI);
        sizer.record(100, nanos);
        int size = sizer.next(remaining, cap);
        assertThat(size).isBetween(1, (int) Math.min(remaining, cap));
    }
}
