package io.github.execmodels.threads.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.execmodels.Fn;
import io.github.execmodels.MapOptions;
import io.github.execmodels.Task;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.threads.ThreadPoolModel;
import io.github.execmodels.threads.testing.Threads;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cancellation reaches running work as an interrupt, leaves the threads clean, and stops work not started. */
@Timeout(60)
class CancellationTest {

    @Test
    void cancelInterruptsTheRunningTaskAndTheThreadGoesBackClean() throws Exception {
        try (ThreadPoolModel model = ThreadPoolModel.builder().threads(1).build()) {
            CountDownLatch started = new CountDownLatch(1);
            AtomicInteger interrupted = new AtomicInteger();
            Task<String> task = model.submit(() -> {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                    return "slept";
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                    throw e;
                }
            });
            started.await();
            assertThat(task.cancel(true)).isTrue();
            assertThat(task.cancel(true)).as("a second cancel changes nothing").isFalse();
            assertThatThrownBy(task::join).isInstanceOf(CancellationException.class);
            Threads.await(() -> interrupted.get() == 1);
            // the same (only) thread runs the next task, and its interrupt flag was cleared
            assertThat(model.submit(() -> Thread.currentThread().isInterrupted()).join()).isFalse();
        }
    }

    @Test
    void aTaskCancelledBeforeItStartsNeverRuns() throws Exception {
        try (ThreadPoolModel model = ThreadPoolModel.builder().threads(1).build()) {
            CountDownLatch release = new CountDownLatch(1);
            Task<Object> blocker = model.submit(() -> {
                release.await();
                return null;
            });
            AtomicInteger ran = new AtomicInteger();
            Task<Integer> queued = model.submit(ran::incrementAndGet);
            assertThat(queued.status()).isEqualTo(Task.Status.PENDING);
            assertThat(queued.cancel(false)).isTrue();
            release.countDown();
            blocker.join();
            assertThat(model.submit(() -> "after").join()).isEqualTo("after");
            assertThat(ran.get()).isZero();
            assertThat(queued.status()).isEqualTo(Task.Status.CANCELLED);
        }
    }

    @Test
    void aFailingElementInterruptsTheElementsRunningOnOtherThreads() {
        try (ThreadPoolModel model = ThreadPoolModel.builder().threads(4).build()) {
            AtomicInteger interrupted = new AtomicInteger();
            AtomicInteger finished = new AtomicInteger();
            CountDownLatch othersRunning = new CountDownLatch(3);
            Fn<Integer, Integer> fn = x -> {
                if (x == 0) {
                    othersRunning.await();
                    throw new IllegalStateException("boom");
                }
                othersRunning.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                    throw e;
                }
                finished.incrementAndGet();
                return x;
            };
            TaskFailedException failure = catchThrowableOfType(TaskFailedException.class,
                    () -> model.map(fn, List.of(0, 1, 2, 3), MapOptions.builder().chunkSize(1).build()));
            assertThat(failure.index()).isZero();
            assertThat(failure.getCause()).hasMessage("boom");
            // map returns only once the interrupted elements have stopped
            assertThat(interrupted.get()).isEqualTo(3);
            assertThat(finished.get()).isZero();
        }
    }

    @Test
    void closingAnImapStreamCancelsTheWorkInFlight() throws Exception {
        try (ThreadPoolModel model = ThreadPoolModel.builder().threads(2).build()) {
            AtomicInteger interrupted = new AtomicInteger();
            AtomicInteger slowStarted = new AtomicInteger();
            Fn<Integer, Integer> slowFromTen = x -> {
                if (x >= 10) {
                    slowStarted.incrementAndGet();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                        throw e;
                    }
                }
                return x;
            };
            Iterable<Integer> endless = () -> IntStream.iterate(0, i -> i + 1).iterator();
            MapOptions options = MapOptions.builder().chunkSize(1).window(4).build();
            for (boolean ordered : new boolean[] {true, false}) {
                interrupted.set(0);
                slowStarted.set(0);
                Stream<Integer> stream = ordered ? model.imap(slowFromTen, endless, options)
                        : model.imapUnordered(slowFromTen, endless, options);
                Iterator<Integer> it = stream.iterator();
                for (int i = 0; i < 10; i++) {
                    assertThat(it.next()).isLessThan(10);
                }
                Threads.await(() -> slowStarted.get() > 0);
                stream.close(); // returns once the cancelled elements have stopped
                assertThat(interrupted.get()).as("elements in flight interrupted on close").isBetween(1, 4);
            }
            assertThat(model.submit(() -> "still usable").join()).isEqualTo("still usable");
        }
    }
}
