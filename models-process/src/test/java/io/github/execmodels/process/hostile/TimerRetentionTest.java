package io.github.execmodels.process.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.Task;
import io.github.execmodels.process.ProcessPoolModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A finished job's timeout timer is cancelled: it does not keep the task, its payload and its result. */
class TimerRetentionTest {

    private static final int JOBS = 30_000;
    private static final int BATCH = 2_000;

    @Test
    @Timeout(120)
    void finishedJobsUnderALongTimeoutAreNotRetained() {
        try (ProcessPoolModel pool = ProcessPoolModel.builder().workers(2).taskTimeout(Duration.ofMinutes(10))
                .closeTimeout(Duration.ofSeconds(1)).build()) {
            run(pool, BATCH); // warm up
            long before = retainedHeap();
            run(pool, JOBS);
            long after = retainedHeap();
            // each job carries and returns 2 KiB: kept until their timers fire, they would be over 120 MB (fewer
            // jobs than 100,000, larger ones: the same retention, in a third of the time)
            assertThat(after - before).as("heap retained by %d finished jobs", JOBS).isLessThan(20L << 20);
        }
    }

    private static void run(ProcessPoolModel pool, int jobs) {
        for (int done = 0; done < jobs; done += BATCH) {
            List<Task<byte[]>> tasks = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                byte[] payload = new byte[2048];
                tasks.add(pool.submit(() -> payload));
            }
            for (Task<byte[]> t : tasks) {
                assertThat(t.join(Duration.ofSeconds(30))).hasSize(2048);
            }
        }
    }

    private static long retainedHeap() {
        Runtime rt = Runtime.getRuntime();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, rt.totalMemory() - rt.freeMemory());
        }
        return least;
    }
}
