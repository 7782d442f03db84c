package io.github.execmodels.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Fn;
import io.github.execmodels.TaskFailedException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The codec-checking model catches, without processes, what would fail across the pipe. */
class CodecCheckingModelTest {

    private final int offset = 5; // a field: a lambda using it captures this non-serializable test

    @Test
    void aLambdaCapturingThisFailsAsInTheProcessModel() {
        Fn<Integer, Integer> fn = x -> x + offset;
        try (ExecutionModel model = CodecCheckingModel.builder().build()) {
            assertThatThrownBy(() -> model.map(fn, List.of(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("captures 'this'");
        }
    }

    @Test
    void resultsAndExceptionsMakeTheRoundTrip() {
        try (ExecutionModel model = CodecCheckingModel.builder().build()) {
            assertThat(model.map(x -> x * 2, List.of(1, 2, 3))).containsExactly(2, 4, 6);
            assertThatThrownBy(() -> model.submit(() -> new Object()).join())
                    .isInstanceOf(TaskFailedException.class).hasMessageContaining("cannot be sent back");
            assertThatThrownBy(() -> model.submit(() -> {
                throw new IllegalStateException("inside");
            }).join()).isInstanceOf(TaskFailedException.class).cause().isInstanceOf(IllegalStateException.class)
                    .hasMessage("inside");
        }
    }
}
