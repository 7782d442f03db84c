package io.github.execmodels.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.execmodels.Task;
import io.github.execmodels.TaskFailedException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BasicTaskTest {

    @Test
    void runsItsJobOnceWhateverCallsRun() {
        AtomicInteger runs = new AtomicInteger();
        BasicTask<Integer> task = new BasicTask<>(runs::incrementAndGet);
        task.run();
        task.run();
        assertThat(runs).hasValue(1);
        assertThat(task.join()).isEqualTo(1);
        assertThat(task.status()).isEqualTo(Task.Status.SUCCEEDED);
        assertThat(task.elapsedNanos()).isNotNegative();
    }

    @Test
    void cancelInterruptsTheRunningThreadAndLeavesItClean() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        BasicTask<String> task = new BasicTask<>(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
                return "slept";
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        });
        AtomicBoolean flagAfterRun = new AtomicBoolean(true);
        Thread runner = new Thread(() -> {
            task.run();
            flagAfterRun.set(Thread.currentThread().isInterrupted());
        });
        runner.start();
        started.await();
        assertThat(task.status()).isEqualTo(Task.Status.RUNNING);
        assertThat(task.cancel(true)).isTrue();
        assertThat(task.awaitStopped(Duration.ofSeconds(10))).isTrue();
        runner.join(10_000);
        assertThat(interrupted).isTrue();
        assertThat(flagAfterRun).as("the interrupt meant for the task is cleared").isFalse();
        assertThat(task.status()).isEqualTo(Task.Status.CANCELLED);
        assertThatThrownBy(task::join).isInstanceOf(CancellationException.class);
    }

    @Test
    void aTaskCancelledBeforeItStartsNeverRuns() {
        AtomicInteger runs = new AtomicInteger();
        BasicTask<Integer> task = new BasicTask<>(runs::incrementAndGet);
        assertThat(task.cancel(false)).isTrue();
        task.run();
        assertThat(runs).hasValue(0);
        assertThat(task.isRunning()).isFalse();
    }

    @Test
    void abortFailsWithTheReason() {
        BasicTask<Integer> task = new BasicTask<>(() -> 1);
        IllegalStateException reason = new IllegalStateException("too slow");
        assertThat(task.abort(reason)).isTrue();
        assertThat(task.exceptionNow()).isSameAs(reason);
        assertThatThrownBy(task::join).isInstanceOf(TaskFailedException.class).cause().isSameAs(reason);
    }

    @Test
    void cancellingTheCompletableFutureViewCancelsTheTask() {
        BasicTask<Integer> task = new BasicTask<>(() -> 1);
        CompletableFuture<Integer> view = task.toCompletableFuture();
        view.cancel(false);
        assertThat(task.isCancelled()).isTrue();
    }

    @Test
    void aModelDrivenTaskIsCompletedByItsModel() {
        BasicTask<String> task = new BasicTask<>() { };
        assertThat(task.status()).isEqualTo(Task.Status.PENDING);
        assertThat(task.markStarted()).isTrue();
        assertThat(task.markStarted()).isFalse();
        assertThat(task.complete("done")).isTrue();
        assertThat(task.fail(new RuntimeException())).isFalse();
        assertThat(task.join()).isEqualTo("done");
        assertThatThrownBy(task::run).isInstanceOf(IllegalStateException.class);
    }
}
