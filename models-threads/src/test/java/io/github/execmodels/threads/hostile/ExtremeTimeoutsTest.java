package io.github.execmodels.threads.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.threads.ThreadPoolModel;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Timeouts at the ends of the {@code long} range: a deadline computed as {@code nanoTime() + timeout} overflows,
 * and a zero or negative timeout has already elapsed (the JDK's executors answer at once).
 */
@Timeout(30)
class ExtremeTimeoutsTest {

    private final ThreadPoolModel model = ThreadPoolModel.builder().threads(1).build();

    @AfterEach
    void close() {
        model.close();
    }

    @Test
    void awaitTerminationWithTheMostNegativeTimeoutAnswersAtOnce() throws Exception {
        ExecutorService view = model.asExecutorService();
        assertThat(view.awaitTermination(Long.MIN_VALUE, TimeUnit.NANOSECONDS)).isFalse();
        assertThat(view.awaitTermination(Long.MIN_VALUE, TimeUnit.DAYS)).isFalse();
        assertThat(view.awaitTermination(0, TimeUnit.NANOSECONDS)).isFalse();
    }

    @Test
    void awaitTerminationWithTheLongestTimeoutReturnsOnceTerminated() throws Exception {
        ExecutorService view = model.asExecutorService();
        view.submit(() -> {
            Thread.sleep(50);
            return null;
        });
        view.shutdown();
        assertThat(view.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS)).isTrue();
        assertThat(view.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS)).isTrue();
    }

    @Test
    void closeWithTheLongestTimeoutWaitsForRunningWork() throws Exception {
        ThreadPoolModel patient = ThreadPoolModel.builder().threads(1)
                .closeTimeout(Duration.ofSeconds(Long.MAX_VALUE)).build();
        patient.submit(() -> {
            Thread.sleep(50);
            return 1;
        });
        patient.close();
        assertThat(patient.asExecutorService().isTerminated()).isTrue();
    }
}
