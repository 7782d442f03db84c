package io.github.execmodels.threads.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.execmodels.ModelClosedException;
import io.github.execmodels.Task;
import io.github.execmodels.threads.ThreadPoolModel;
import io.github.execmodels.threads.testing.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Shutdown with work in flight: graceful within the close timeout, then interrupting, always bounded. */
@Timeout(60)
class CloseTest {

    @Test
    void closeLetsRunningAndQueuedWorkFinish() throws Exception {
        ThreadPoolModel model = ThreadPoolModel.builder().threads(1).threadNamePrefix("graceful-").build();
        CountDownLatch started = new CountDownLatch(1);
        Task<String> running = model.submit(() -> {
            started.countDown();
            Thread.sleep(300);
            return "finished";
        });
        Task<String> queued = model.submit(() -> "queued ran");
        started.await();
        model.close();
        assertThat(running.status()).isEqualTo(Task.Status.SUCCEEDED);
        assertThat(running.join()).isEqualTo("finished");
        assertThat(queued.join()).isEqualTo("queued ran");
        assertThat(Threads.alive("graceful-")).as("threads after close()").isEmpty();
        assertThatThrownBy(() -> model.submit(() -> 1)).isInstanceOf(ModelClosedException.class);
    }

    @Test
    void pastTheCloseTimeoutRunningWorkIsInterruptedAndQueuedWorkCancelled() throws Exception {
        ThreadPoolModel model = ThreadPoolModel.builder().threads(1).threadNamePrefix("forced-")
                .closeTimeout(Duration.ofMillis(200)).build();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Task<String> stubborn = model.submit(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
                return "slept";
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        });
        AtomicInteger ran = new AtomicInteger();
        Task<Integer> queued = model.submit(ran::incrementAndGet);
        started.await();
        long start = System.nanoTime();
        model.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(interrupted).isTrue();
        assertThat(stubborn.isDone()).isTrue();
        assertThatThrownBy(queued::join).isInstanceOf(CancellationException.class);
        assertThat(ran.get()).isZero();
        assertThat(Threads.alive("forced-")).isEmpty();
    }

    @Test
    void closeFromOneOfItsOwnThreadsDoesNotWaitForItself() {
        ThreadPoolModel model = ThreadPoolModel.builder().threads(1).build();
        try {
            Task<Boolean> closer = model.submit(() -> {
                model.close();
                return model.isClosed();
            });
            assertThat(closer.join(Duration.ofSeconds(30))).isTrue();
        } finally {
            model.close();
        }
    }

    @Test
    void aMapRunningWhileTheModelClosesEndsEitherWay() throws Exception {
        ThreadPoolModel model = ThreadPoolModel.builder().threads(2).build();
        List<Integer> data = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            data.add(i);
        }
        AtomicInteger started = new AtomicInteger();
        Task<List<Integer>> mapping;
        try (ThreadPoolModel caller = ThreadPoolModel.builder().threads(1).build()) {
            mapping = caller.submit(() -> model.map(x -> {
                started.incrementAndGet();
                Thread.sleep(5);
                return x;
            }, data));
            Threads.await(() -> started.get() > 10);
            model.close();
            // the map either finished before the close or stopped with the model closed; it never hangs
            try {
                assertThat(mapping.join(Duration.ofSeconds(30))).hasSize(400);
            } catch (RuntimeException e) {
                assertThat(e).hasRootCauseInstanceOf(ModelClosedException.class);
            }
        }
    }

    @Test
    void closingAModelOverAnOwnedExecutorWaitsForItsWorkAndLeavesTheExecutorOpen() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            ThreadPoolModel model = ThreadPoolModel.builder().executor(executor).build();
            CountDownLatch started = new CountDownLatch(1);
            Task<String> running = model.submit(() -> {
                started.countDown();
                Thread.sleep(300);
                return "finished";
            });
            started.await();
            model.close();
            assertThat(running.status()).isEqualTo(Task.Status.SUCCEEDED);
            assertThat(executor.isShutdown()).isFalse();
            assertThatThrownBy(() -> model.submit(() -> 1)).isInstanceOf(ModelClosedException.class);
        } finally {
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void closingVirtualThreadsWaitsForTheirWork() throws Exception {
        Assumptions.assumeTrue(Threads.java21(), "virtual threads need Java 21+");
        ThreadPoolModel model = ThreadPoolModel.builder().virtualThreads().build();
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            tasks.add(model.submit(() -> {
                Thread.sleep(100);
                return n;
            }));
        }
        model.close();
        for (Task<Integer> task : tasks) {
            assertThat(task.status()).isEqualTo(Task.Status.SUCCEEDED);
        }
    }
}
