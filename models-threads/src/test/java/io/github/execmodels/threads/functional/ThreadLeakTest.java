package io.github.execmodels.threads.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.threads.ThreadPoolModel;
import io.github.execmodels.threads.testing.Threads;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Start and close a thousand models: no thread of ours is left. */
@Timeout(300)
class ThreadLeakTest {

    @Test
    void aThousandModelsStartedUsedAndClosedLeaveNoThread() throws Exception {
        List<Integer> data = List.of(1, 2, 3, 4, 5, 6, 7, 8);
        for (int i = 0; i < 1_000; i++) {
            try (ThreadPoolModel model = ThreadPoolModel.builder().threads(2).threadNamePrefix("leak-check-").build()) {
                assertThat(model.map(x -> x + 1, data)).hasSize(8);
                assertThat(model.submit(() -> 1).join()).isEqualTo(1);
                model.asExecutorService().submit(() -> { }).get();
            }
        }
        // close() joins the threads it started, so none may be alive, not even on its way out
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("leak-check-") && t.isAlive())).isEmpty();
        assertThat(Threads.alive("leak-check-")).isEmpty();
    }

    @Test
    void modelsThatNeverRanAnythingStartNoThread() {
        for (int i = 0; i < 1_000; i++) {
            ThreadPoolModel.builder().threads(4).threadNamePrefix("never-used-").build().close();
        }
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("never-used-"))).isEmpty();
    }
}
