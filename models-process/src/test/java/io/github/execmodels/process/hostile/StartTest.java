package io.github.execmodels.process.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.execmodels.Task;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.TaskTimeoutException;
import io.github.execmodels.process.ProcessPoolModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Workers that cannot start, start noisily, or never get ready: the caller always gets an answer. */
class StartTest {

    @Test
    @Timeout(30)
    void aWorkerThatCannotStartFailsTheTaskWithTheCause() {
        Path nowhere = Path.of("/nonexistent-dir-of-execmodels");
        try (ProcessPoolModel pool = ProcessPoolModel.builder().workers(1).directory(nowhere)
                .closeTimeout(Duration.ofSeconds(1)).build()) {
            Task<Integer> task = pool.submit(() -> 1);
            Throwable failure = catchThrowable(() -> task.join(Duration.ofSeconds(10)));
            assertThat(failure).isInstanceOf(TaskFailedException.class)
                    .isNotInstanceOf(TaskTimeoutException.class)
                    .hasMessageContaining(nowhere.toString())
                    .hasMessageContaining("java");
            assertThat(pool.health().healthy()).isFalse();
        }
    }

    @Test
    @Timeout(40)
    void whatTheJvmPrintsOnStdoutDoesNotBreakTheProtocol() throws Exception {
        try (ProcessPoolModel pool = ProcessPoolModel.builder().workers(1).jvmOptions(List.of("-verbose:gc"))
                .closeTimeout(Duration.ofSeconds(1)).build()) {
            assertThat(pool.submit(() -> {
                System.gc(); // -verbose:gc prints a line on the real stdout
                return 1;
            }).join(Duration.ofSeconds(20))).isEqualTo(1);
            Thread.sleep(5_000); // idle: nothing may restart the worker
            assertThat(pool.health().started()).isEqualTo(1);
            assertThat(pool.health().replaced()).isEmpty();
        }
    }

    @Test
    @Timeout(30)
    void anInitializerThatNeverReturnsTimesOutAndCloseIsBounded() {
        ProcessPoolModel pool = ProcessPoolModel.builder().workers(1).taskTimeout(Duration.ofSeconds(1))
                .closeTimeout(Duration.ofSeconds(1)).initializer(() -> {
                    Thread.sleep(Long.MAX_VALUE);
                    return null;
                }).build();
        try {
            byte[] mebibyte = new byte[1 << 20];
            Task<Integer> task = pool.submit(() -> mebibyte.length);
            Throwable failure = catchThrowable(() -> task.join(Duration.ofSeconds(10)));
            assertThat(failure).isInstanceOf(TaskTimeoutException.class);
        } finally {
            assertThat(Bounded.run(pool::close, Duration.ofSeconds(5))).as("close() returned in time").isTrue();
        }
    }

    @Test
    @Timeout(30)
    void closeKillsAWorkerWhoseWriterIsBlockedOnAFullChannel() {
        ProcessPoolModel pool = ProcessPoolModel.builder().workers(1).closeTimeout(Duration.ofSeconds(1))
                .initializer(() -> {
                    Thread.sleep(Long.MAX_VALUE);
                    return null;
                }).build();
        byte[] big = new byte[8 << 20];
        Task<Integer> task = pool.submit(() -> big.length);
        Task<Integer> other = pool.submit(() -> big.length + 1);
        boolean cancelled = Bounded.run(() -> other.cancel(true), Duration.ofSeconds(2));
        assertThat(Bounded.run(pool::close, Duration.ofSeconds(5))).as("close() returned in time").isTrue();
        assertThat(cancelled).as("cancel() returned at once").isTrue();
        assertThat(task.isDone()).isTrue();
    }
}
