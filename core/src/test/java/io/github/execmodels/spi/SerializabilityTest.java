package io.github.execmodels.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.execmodels.Fn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerializabilityTest {

    /** Not serializable: a lambda that uses one of its fields captures it. */
    private final class Holder {
        private final int offset = 3;

        Fn<Integer, Integer> addOffset() {
            return x -> x + offset;
        }
    }

    private static byte[] javaSerialization(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    @Test
    void aLambdaCapturingANonSerializableThisIsNamed() {
        assertThat(Serializability.explain(new Holder().addOffset()))
                .contains("captures 'this'")
                .contains(Holder.class.getName())
                .contains("not Serializable");
    }

    @Test
    void aCapturedVariableIsNamed() {
        Object plain = new Object();
        Fn<Integer, String> fn = x -> plain + "" + x;
        assertThat(Serializability.explain(fn))
                .contains("captured variable '#1 (Object)'") // its name, when compiled with -parameters
                .contains("java.lang.Object, which is not Serializable");
    }

    @Test
    void anElementIsNamedWithItsPath() {
        Chunk chunk = Chunk.failFast(x -> x, List.of("a", new Object()), 0);
        assertThat(Serializability.explain(chunk)).contains(".elements[1] is a java.lang.Object");
    }

    @Test
    void serializableValuesHaveNoDiagnosis() {
        Fn<Integer, Integer> fn = x -> x + 1;
        assertThat(Serializability.explain(Chunk.failFast(fn, List.of(1, 2), 0))).isNull();
        assertThat(Serializability.explain(null)).isNull();
    }

    /** A list whose iteration fails, inside a JDK wrapper that the search walks through. */
    private static final class BrokenList extends AbstractList<Object> implements Serializable {
        @Override
        public Object get(int index) {
            throw new IllegalStateException("broken");
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public Iterator<Object> iterator() {
            throw new IllegalStateException("broken");
        }
    }

    @Test
    void theDiagnosisNeverThrows() {
        assertThat(Serializability.explain(Collections.unmodifiableList(new BrokenList()))).isNull();
    }

    @Test
    void encodeOrExplainSaysWhatAndWhere() {
        Object plain = new Object();
        Fn<Integer, String> fn = x -> plain + "" + x;
        assertThatThrownBy(() -> Serializability.encodeOrExplain(SerializabilityTest::javaSerialization, fn,
                "the job", "the cluster"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot send the job to the cluster: ")
                .hasMessageContaining("captured variable")
                .hasCauseInstanceOf(NotSerializableException.class);
    }

    @Test
    void withoutADiagnosisTheEncodersClassNameIsQuoted() {
        IllegalArgumentException e = Serializability.cannotSend("the job", "the cluster", "a string",
                new IOException("wrapped", new NotSerializableException("com.example.Thing")));
        assertThat(e).hasMessage("cannot send the job to the cluster: class com.example.Thing is not serializable");
    }
}
