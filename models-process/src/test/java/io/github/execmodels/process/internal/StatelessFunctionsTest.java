package io.github.execmodels.process.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.Fn;
import io.github.execmodels.process.JavaSerializationCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatelessFunctionsTest {

    private static final ClassLoader LOADER = StatelessFunctionsTest.class.getClassLoader();

    private static Object decode(byte[] bytes) throws Exception {
        return StatelessFunctions.decode(bytes, 0, bytes.length, JavaSerializationCodec.defaults().filter(), LOADER);
    }

    @Test
    void aLambdaThatCapturesNothingIsEncodedOnceAndDecodedOnce() throws Exception {
        Fn<Integer, Integer> twice = x -> 2 * x;
        byte[] first = StatelessFunctions.encode(twice);
        byte[] second = StatelessFunctions.encode(twice);
        byte[] third = StatelessFunctions.encode(twice);
        assertThat(third).as("kept from the second encoding on").isSameAs(second).isEqualTo(first);
        Object decoded = decode(first);
        assertThat(decode(second)).isSameAs(decoded);
        @SuppressWarnings("unchecked")
        Fn<Integer, Integer> fn = (Fn<Integer, Integer>) decoded;
        assertThat(fn.apply(21)).isEqualTo(42);
    }

    @Test
    void aLambdaThatCapturesStateIsEncodedAndDecodedAfreshEachTime() throws Exception {
        List<Integer> offsets = new ArrayList<>(List.of(1));
        Fn<Integer, Integer> shifted = x -> x + offsets.size();
        byte[] before = StatelessFunctions.encode(shifted);
        offsets.add(2);
        byte[] after = StatelessFunctions.encode(shifted);
        assertThat(after).as("the captured list changed between the encodings").isNotEqualTo(before);
        @SuppressWarnings("unchecked")
        Fn<Integer, Integer> decoded = (Fn<Integer, Integer>) decode(after);
        assertThat(decoded.apply(10)).isEqualTo(12);
        assertThat(decode(after)).isNotSameAs(decoded);
    }
}
