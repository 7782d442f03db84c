package io.github.execmodels.process.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.execmodels.Task;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.WorkerCrashedException;
import io.github.execmodels.process.ProcessPoolModel;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Workers that die in ways the parent could miss, print what looks like frames, or answer too much. */
@Timeout(30)
class WorkerDeathTest {

    private static ProcessPoolModel pool;

    @BeforeAll
    static void startPool() {
        pool = ProcessPoolModel.builder().workers(1).maxFrameBytes(1 << 20).closeTimeout(Duration.ofSeconds(1))
                .build();
        pool.submit(() -> 0).join(Duration.ofSeconds(20)); // the bounds below do not include the worker's start
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void aWorkerWhoseChildKeepsItsOutputOpenIsStillSeenToDie() {
        Task<Integer> task = pool.submit(() -> {
            // the child inherits the worker's stdout and stderr and outlives it by a few seconds
            new ProcessBuilder(List.of("sleep", "4")).inheritIO().start();
            Runtime.getRuntime().halt(3);
            return 0;
        });
        Throwable failure = catchThrowable(() -> task.join(Duration.ofSeconds(3)));
        assertThat(failure).isInstanceOf(WorkerCrashedException.class);
        assertThat(((WorkerCrashedException) failure).exitCode()).isEqualTo(3);
        assertThat(pool.submit(() -> 2).join(Duration.ofSeconds(20))).isEqualTo(2);
    }

    @Test
    void aHeaderClaimingFiveHundredMebibytesOnStdoutIsOnlyNoise() {
        long replacedBefore = pool.health().replacedTotal();
        Task<Integer> task = pool.submit(() -> {
            byte[] header = ByteBuffer.allocate(14).put((byte) 0xE7).put((byte) 13).putInt(500 << 20).putLong(1)
                    .array();
            FileOutputStream out = new FileOutputStream(FileDescriptor.out);
            out.write(header);
            out.flush();
            return 7;
        });
        assertThat(task.join(Duration.ofSeconds(10))).isEqualTo(7);
        assertThat(pool.health().replacedTotal()).isEqualTo(replacedBefore);
    }

    @Test
    void anOversizedResultFailsItsTaskAndKeepsTheWorker() {
        long before = pool.health().started();
        Task<byte[]> task = pool.submit(() -> new byte[2 << 20]);
        Throwable failure = catchThrowable(() -> task.join(Duration.ofSeconds(10)));
        assertThat(failure).isInstanceOf(TaskFailedException.class).isNotInstanceOf(WorkerCrashedException.class)
                .hasMessageContaining("maxFrameBytes");
        assertThat(pool.submit(() -> 5).join(Duration.ofSeconds(10))).isEqualTo(5);
        assertThat(pool.health().started()).isEqualTo(before);
    }
}
