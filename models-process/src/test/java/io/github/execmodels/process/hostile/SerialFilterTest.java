package io.github.execmodels.process.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.execmodels.Task;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.process.ProcessPoolModel;
import java.io.InvalidClassException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The codec's filter is merged with the JVM-wide {@code jdk.serialFilter}, not put in its place: a class the
 * JVM-wide filter rejects stays rejected. Shown in a worker, whose JVM options set that filter (the parent decodes
 * through the same code).
 */
class SerialFilterTest {

    @Test
    @Timeout(30)
    void aClassTheJvmWideFilterRejectsIsRejected() {
        try (ProcessPoolModel pool = ProcessPoolModel.builder().workers(1)
                .jvmOptions(List.of("-Djdk.serialFilter=!java.util.concurrent.atomic.*"))
                .closeTimeout(Duration.ofSeconds(1)).build()) {
            AtomicInteger counter = new AtomicInteger(41);
            Task<Integer> task = pool.submit(() -> counter.incrementAndGet());
            Throwable failure = catchThrowable(() -> task.join(Duration.ofSeconds(20)));
            assertThat(failure).isInstanceOf(TaskFailedException.class);
            assertThat(failure.getCause()).isInstanceOf(InvalidClassException.class).hasMessageContaining("REJECTED");
            assertThat(pool.submit(() -> 2).join(Duration.ofSeconds(20))).isEqualTo(2);
        }
    }
}
