package io.github.execmodels.threads.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.execmodels.threads.ThreadPoolModel;
import io.github.execmodels.threads.testing.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ThreadPoolModel#asExecutorService()} keeps the {@link ExecutorService} contract. */
@Timeout(60)
class ExecutorViewTest {

    private final ThreadPoolModel model = ThreadPoolModel.builder().threads(2).build();

    @AfterEach
    void close() {
        model.close();
    }

    @Test
    void invokeAllReturnsEveryFutureDoneInTaskOrder() throws Exception {
        ExecutorService view = model.asExecutorService();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            tasks.add(() -> {
                Thread.sleep(20 - n);
                return n * n;
            });
        }
        List<Future<Integer>> futures = view.invokeAll(tasks);
        for (int i = 0; i < 20; i++) {
            assertThat(futures.get(i).isDone()).isTrue();
            assertThat(futures.get(i).get()).isEqualTo(i * i);
        }
        List<Future<Integer>> timedOut = view.invokeAll(List.of(() -> 1, () -> {
            Thread.sleep(60_000);
            return 2;
        }), 200, TimeUnit.MILLISECONDS);
        assertThat(timedOut.get(0).get()).isEqualTo(1);
        assertThat(timedOut.get(1).isCancelled()).isTrue();
    }

    @Test
    void invokeAnyReturnsASuccessAndCancelsTheRest() throws Exception {
        ExecutorService view = model.asExecutorService();
        AtomicInteger interrupted = new AtomicInteger();
        CountDownLatch slowStarted = new CountDownLatch(1);
        String winner = view.invokeAny(List.of(() -> {
            slowStarted.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
            return "slow";
        }, () -> {
            slowStarted.await(); // so that the slow one is running, not pending, when it is cancelled
            return "fast";
        }));
        assertThat(winner).isEqualTo("fast");
        Threads.await(() -> interrupted.get() == 1);
        assertThatThrownBy(() -> view.invokeAny(List.of(() -> {
            throw new IllegalStateException("one");
        }, () -> {
            throw new IllegalStateException("two");
        }))).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void submitAndExecute() throws Exception {
        ExecutorService view = model.asExecutorService();
        assertThat(view.submit(() -> "called").get()).isEqualTo("called");
        assertThat(view.submit(() -> { }, "given").get()).isEqualTo("given");
        assertThatThrownBy(() -> view.submit(() -> {
            throw new IllegalArgumentException("bad");
        }).get()).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalArgumentException.class);
        CountDownLatch ran = new CountDownLatch(2);
        view.execute(() -> {
            ran.countDown();
            throw new IllegalStateException("logged, not fatal");
        });
        view.execute(ran::countDown);
        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> view.execute(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void shutdownRunsWhatWasGivenRejectsMoreAndTerminates() throws Exception {
        ExecutorService view = model.asExecutorService();
        CountDownLatch release = new CountDownLatch(1);
        Future<String> given = view.submit(() -> {
            release.await();
            return "done";
        });
        view.shutdown();
        assertThat(view.isShutdown()).isTrue();
        assertThat(view.isTerminated()).isFalse();
        assertThatThrownBy(() -> view.submit(() -> 1)).isInstanceOf(RejectedExecutionException.class);
        assertThat(view.awaitTermination(50, TimeUnit.MILLISECONDS)).isFalse();
        release.countDown();
        assertThat(view.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(view.isTerminated()).isTrue();
        assertThat(given.get()).isEqualTo("done");
        // the model itself, and other views of it, go on
        assertThat(model.isClosed()).isFalse();
        assertThat(model.asExecutorService().submit(() -> "other view").get()).isEqualTo("other view");
    }

    @Test
    void shutdownNowInterruptsRunningWorkAndReturnsWhatNeverStarted() throws Exception {
        ExecutorService view = model.asExecutorService();
        CountDownLatch bothRunning = new CountDownLatch(2);
        AtomicInteger interrupted = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            view.execute(() -> {
                bothRunning.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                }
            });
        }
        bothRunning.await();
        AtomicInteger ran = new AtomicInteger();
        Runnable neverStarted = ran::incrementAndGet;
        view.execute(neverStarted);
        List<Runnable> returned = view.shutdownNow();
        assertThat(returned).containsExactly(neverStarted);
        assertThat(view.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted.get()).isEqualTo(2);
        // the model's threads are clean and the command that never started did not run
        assertThat(model.submit(() -> Thread.currentThread().isInterrupted()).join()).isFalse();
        assertThat(ran.get()).isZero();
    }

    @Test
    void closingTheModelShutsItsViewsDown() throws Exception {
        ExecutorService view = model.asExecutorService();
        assertThat(view.submit(() -> 1).get()).isEqualTo(1);
        model.close();
        assertThat(view.isShutdown()).isTrue();
        assertThat(view.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> view.submit(() -> 1)).isInstanceOf(RejectedExecutionException.class);
    }
}
