package io.github.execmodels.process.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.Task;
import io.github.execmodels.process.ProcessPoolModel;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One worker; A runs 50 ms, B spins ignoring interrupts; B is cancelled at moments around A's end. Whenever the
 * cancel lands, B's worker is free again within the cancel grace period (B never ran, or its worker was killed).
 */
class CancelRaceTest {

    private static final int ROUNDS = 200;

    @Test
    @Timeout(120)
    void aCancelLandingAroundTheStartOfASpinningTaskAlwaysFreesTheWorker() {
        try (ProcessPoolModel pool = ProcessPoolModel.builder().workers(1).closeTimeout(Duration.ofSeconds(1))
                .build()) {
            pool.submit(() -> 0).join(Duration.ofSeconds(20)); // the worker is ready
            for (int round = 0; round < ROUNDS; round++) {
                Task<Integer> a = pool.submit(() -> {
                    Thread.sleep(50);
                    return 1;
                });
                Task<Integer> b = pool.submit(() -> {
                    long x = 0;
                    while (x >= 0) {
                        x = (x + 1) % 1_000_000;
                    }
                    return (int) x;
                });
                // from 15 ms before A's end to its end, in steps of 0.1 ms: B is still queued in the worker, being
                // taken, or has just started (which costs a kill and a new worker, so those moments are fewer)
                LockSupport.parkNanos(Duration.ofMillis(35).toNanos() + (round % 150) * 100_000L);
                b.cancel(true);
                assertThat(a.join(Duration.ofSeconds(5))).isEqualTo(1);
                Task<Integer> probe = pool.submit(() -> 2);
                assertThat(probe.join(Duration.ofSeconds(10))).as("round %d: the worker is free again", round)
                        .isEqualTo(2);
            }
        }
    }
}
