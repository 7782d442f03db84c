package io.github.execmodels.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.execmodels.Fn;
import io.github.execmodels.Outcome;
import io.github.execmodels.spi.Chunk;
import java.io.InvalidClassException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The default codec: round trips, the compact forms, and the filter. */
class JavaSerializationCodecTest {

    private final Codec codec = JavaSerializationCodec.defaults();

    private Object roundTrip(Object value) throws Exception {
        return codec.decode(codec.encode(value));
    }

    @Property(tries = 200)
    void listsOfIntegersRoundTrip(@ForAll List<Integer> values) throws Exception {
        ArrayList<Integer> list = new ArrayList<>(values);
        assertThat(roundTrip(list)).isEqualTo(list);
    }

    @Property(tries = 200)
    void listsOfStringsAndMixedValuesRoundTrip(@ForAll List<String> strings, @ForAll List<Long> longs,
            @ForAll List<Double> doubles) throws Exception {
        ArrayList<Object> mixed = new ArrayList<>(strings);
        mixed.addAll(longs);
        mixed.addAll(doubles);
        mixed.add(null);
        mixed.add(Boolean.TRUE);
        assertThat(roundTrip(new ArrayList<>(strings))).isEqualTo(strings);
        assertThat(roundTrip(new ArrayList<>(longs))).isEqualTo(longs);
        assertThat(roundTrip(mixed)).isEqualTo(mixed);
    }

    @Test
    void scalarsAndArraysRoundTrip() throws Exception {
        for (Object v : new Object[] {null, 1, -2L, 3.5, "é", true, false}) {
            assertThat(roundTrip(v)).isEqualTo(v);
        }
        assertThat((int[]) roundTrip(new int[] {1, 2, 3})).containsExactly(1, 2, 3);
        assertThat((long[]) roundTrip(new long[] {4, 5})).containsExactly(4, 5);
        assertThat((double[]) roundTrip(new double[] {0.5})).containsExactly(0.5);
        assertThat((byte[]) roundTrip(new byte[] {9, 8})).containsExactly(9, 8);
    }

    @Test
    void aChunkOfIntegersTravelsAsAPrimitiveArray() throws Exception {
        List<Integer> data = IntStream.range(0, 10_000).boxed().collect(Collectors.toList());
        Fn<Integer, Integer> fn = x -> x;
        byte[] bytes = codec.encode(Chunk.failFast(fn, data, 0));
        assertThat(bytes.length).as("about 4 bytes per element, not Java serialization's 10").isLessThan(50_000);
        assertThat(bytes[0]).as("the chunk's own fast form (its function and its elements read from the chunk)")
                .isEqualTo((byte) 18);
        Chunk back = (Chunk) codec.decode(bytes);
        assertThat(back.call()).isEqualTo(data);
    }

    @Test
    void chunksOfEachScalarTypeTravelInTheFastFormAndFallBackOtherwise() throws Exception {
        Fn<Object, Object> echo = x -> x;
        List<List<?>> inputs = List.of(
                IntStream.range(0, 100).boxed().collect(Collectors.toList()),
                IntStream.range(0, 100).mapToObj(i -> (long) i << 40).collect(Collectors.toList()),
                IntStream.range(0, 100).mapToObj(i -> i / 3.0).collect(Collectors.toList()),
                IntStream.range(0, 100).mapToObj(i -> i % 3 == 0).collect(Collectors.toList()),
                IntStream.range(0, 100).mapToObj(i -> "é" + i).collect(Collectors.toList()),
                Arrays.asList(1, 2L, "three", null, 5.0));
        for (List<?> data : inputs) {
            List<Object> wrapped = new ArrayList<>(data);
            Chunk failFast = Chunk.failFast(echo, wrapped.subList(1, wrapped.size()), 7);
            Chunk back = (Chunk) codec.decode(codec.encode(failFast));
            assertThat(back.firstIndex()).isEqualTo(7);
            assertThat(back.isOutcomes()).isFalse();
            assertThat(back.call()).isEqualTo(data.subList(1, data.size()));
            Chunk outcomes = (Chunk) codec.decode(codec.encode(Chunk.outcomes(echo, data, 3)));
            assertThat(outcomes.isOutcomes()).isTrue();
            assertThat(outcomes.call()).hasSize(data.size()).allSatisfy(o -> assertThat(o).isInstanceOf(Outcome.class));
            assertThat(outcomes.slice(1, 2).call()).extracting(o -> ((Outcome<?>) o).index()).containsExactly(4L);
        }
    }

    @Test
    void fixedSizeListsStayFixedSize() throws Exception {
        List<Integer> fixed = Arrays.asList(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        Object back = roundTrip(new Holder(fixed));
        assertThat(((Holder) back).list).isEqualTo(fixed).hasSameClassAs(fixed);
    }

    static final class Holder implements Serializable {
        private static final long serialVersionUID = 1L;
        final List<Integer> list;

        Holder(List<Integer> list) {
            this.list = list;
        }
    }

    static final class Point implements Serializable {
        private static final long serialVersionUID = 1L;
        final int x = 1;
    }

    @Test
    void theAllowListRejectsOtherClasses() throws Exception {
        Codec strict = JavaSerializationCodec.builder().allow("java.awt.*").build();
        byte[] bytes = strict.encode(new Point());
        assertThatThrownBy(() -> strict.decode(bytes)).isInstanceOf(InvalidClassException.class);
        Codec allowing = JavaSerializationCodec.builder().allow(Point.class.getName()).build();
        assertThat(allowing.decode(allowing.encode(new Point()))).isInstanceOf(Point.class);
        assertThat(strict.decode(strict.encode(new ArrayList<>(List.of("java.util is always allowed")))))
                .isEqualTo(List.of("java.util is always allowed"));
    }

    @Test
    void limitsRejectLargeOrDeepValues() throws Exception {
        Codec small = JavaSerializationCodec.builder().maxArrayLength(100).maxDepth(20).build();
        assertThatThrownBy(() -> small.decode(small.encode(new int[1_000]))).isInstanceOf(InvalidClassException.class);
        assertThatThrownBy(() -> small.decode(small.encode(new Point[1_000])))
                .isInstanceOf(InvalidClassException.class);
        List<Object> deep = new java.util.LinkedList<>();
        List<Object> cursor = deep;
        for (int i = 0; i < 50; i++) {
            List<Object> inner = new java.util.LinkedList<>();
            cursor.add(inner);
            cursor = inner;
        }
        assertThatThrownBy(() -> small.decode(small.encode(deep))).isInstanceOf(InvalidClassException.class);
    }

    @Test
    void builderPropertiesMaySetOnce() {
        JavaSerializationCodec.Builder b = JavaSerializationCodec.builder().maxBytes(10);
        assertThatThrownBy(() -> b.maxBytes(20)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JavaSerializationCodec.builder().maxDepth(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxDepth: 0 (expected: > 0)");
    }
}
