package io.github.execmodels.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.ModelClosedException;
import io.github.execmodels.Models;
import io.github.execmodels.Outcome;
import io.github.execmodels.TaskFailedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EventLoopTest {

    @Test
    void runReturnsTheResultAndClosesTheLoop() {
        String r = EventLoop.run(() -> Async.sleep(0.0).thenApply(v -> "done"));
        assertThat(r).isEqualTo("done");
    }

    @Test
    void runThrowsTheFailureAsTaskFailedException() {
        assertThatThrownBy(() -> EventLoop.run(() -> Async.failed(new IllegalStateException("bad main"))))
                .isInstanceOf(TaskFailedException.class).cause().hasMessage("bad main");
    }

    @Test
    void runCancelsWhatIsLeftAndLetsItCleanUp() {
        List<String> log = new ArrayList<>();
        EventLoop.run(() -> {
            Async.spawn(() -> Async.sleep(3600.0).andFinally(() -> log.add("left-over cleaned up")));
            return Async.sleep(0.0);
        });
        assertThat(log).containsExactly("left-over cleaned up");
    }

    @Test
    void callbacksRunInOrderAndTimersByDeadline() throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<String> log = new ArrayList<>();
        VirtualTime.run(ticker, () -> {
            EventLoop loop = Async.loop();
            loop.callLater(Duration.ofSeconds(2), () -> log.add("timer 2s"));
            loop.callLater(Duration.ofSeconds(1), () -> log.add("timer 1s"));
            loop.callLater(Duration.ofSeconds(1), () -> log.add("timer 1s again"));
            TimerHandle cancelled = loop.callLater(Duration.ofMillis(1500), () -> log.add("cancelled timer"));
            cancelled.cancel();
            loop.callSoon(() -> log.add("soon 1"));
            loop.callSoon(() -> log.add("soon 2"));
            return Async.sleep(3.0);
        });
        assertThat(log).containsExactly("soon 1", "soon 2", "timer 1s", "timer 1s again", "timer 2s");
    }

    @Test
    void aTurnRunsOnlyWhatWasReadyWhenItBegan() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            List<String> log = new ArrayList<>();
            loop.runUntilComplete(() -> {
                EventLoop l = Async.loop();
                l.callSoon(() -> {
                    log.add("a");
                    l.callSoon(() -> log.add("c"));
                });
                l.callSoon(() -> log.add("b"));
                return Async.sleep(0.0).thenCompose(v -> Async.sleep(0.0));
            });
            assertThat(log).containsExactly("a", "b", "c");
        }
    }

    @Test
    void waitingFromOtherThreadsLeavesNothingBehind() {
        try (EventLoop loop = EventLoop.builder().build()) {
            for (int i = 0; i < 200; i++) {
                int n = i;
                int got = loop.runUntilComplete(() -> Async.sleep(0.0).thenApply(v -> n));
                assertThat(got).isEqualTo(n);
                AsyncTask<Integer> t = loop.spawn(() -> Async.completed(n));
                assertThat(t.toCompletableFuture().join()).isEqualTo(n);
            }
            assertThat(loop.terminationWatchers.size()).isZero();
        }
    }

    @Test
    void callSoonThreadSafeWakesASleepingLoop() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            for (int i = 0; i < 50; i++) {
                CountDownLatch ran = new CountDownLatch(1);
                loop.callSoonThreadSafe(ran::countDown);
                assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void mapRunsOneElementPerTurnSoTimersInterleave() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
            CompletableFuture<Void> tickerStarted = new CompletableFuture<>();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            loop.callSoonThreadSafe(() -> {
                Runnable[] tick = new Runnable[1];
                tick[0] = () -> {
                    log.add("tick");
                    tickerStarted.complete(null);
                    if (!stop.get()) {
                        loop.callSoon(tick[0]);
                    }
                };
                loop.callSoon(tick[0]);
            });
            tickerStarted.get(10, TimeUnit.SECONDS);
            List<Integer> out = loop.map(x -> {
                log.add("element " + x);
                return x * 10;
            }, List.of(0, 1, 2, 3, 4), io.github.execmodels.MapOptions.builder().chunkSize(5).build());
            stop.set(true);
            assertThat(out).containsExactly(0, 10, 20, 30, 40);
            List<String> snapshot = new ArrayList<>(log);
            int first = snapshot.indexOf("element 0");
            int last = snapshot.indexOf("element 4");
            assertThat(snapshot.subList(first, last)).contains("tick");
            for (int i = 0; i < 4; i++) {
                int a = snapshot.indexOf("element " + i);
                int b = snapshot.indexOf("element " + (i + 1));
                assertThat(snapshot.subList(a, b)).as("a tick between element %d and %d", i, i + 1).contains("tick");
            }
        }
    }

    @Test
    void mapOutcomesKeepsSuccesses() {
        try (ExecutionModel model = Models.of("event-loop")) {
            List<Outcome<Integer>> outcomes = model.mapOutcomes(x -> {
                if (x == 2) {
                    throw new IllegalStateException("two");
                }
                return x;
            }, List.of(1, 2, 3));
            assertThat(outcomes.get(0).value()).isEqualTo(1);
            assertThat(outcomes.get(1).isSuccess()).isFalse();
            assertThat(outcomes.get(2).value()).isEqualTo(3);
            assertThat(model.parallelism()).isEqualTo(1);
        }
    }

    @Test
    void providerRejectsMoreThanOneWorker() {
        assertThatThrownBy(() -> Models.of("event-loop:2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one thread");
        assertThat(Models.available()).contains("event-loop");
    }

    @Test
    void builderPropertiesMaySetOnce() {
        EventLoop.Builder b = EventLoop.builder().debug(true);
        assertThatThrownBy(() -> b.debug(false)).isInstanceOf(IllegalStateException.class);
        b.ticker(Ticker.system());
        assertThatThrownBy(() -> b.ticker(Ticker.system())).isInstanceOf(IllegalStateException.class);
        b.slowCallbackThreshold(Duration.ofMillis(5));
        assertThatThrownBy(() -> b.slowCallbackThreshold(Duration.ofMillis(5)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> EventLoop.builder().slowCallbackThreshold(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        try (EventLoop one = b.build(); EventLoop two = b.build()) {
            assertThat(one).isNotSameAs(two);
        }
    }

    @Test
    void workAfterCloseIsRejectedAndPendingWaitersAreReleased() throws Exception {
        EventLoop loop = EventLoop.builder().build();
        AsyncTask<Void> forever = loop.spawn(() -> Async.promise());
        CompletableFuture<Void> view = forever.toCompletableFuture().thenApply(v -> null);
        loop.close();
        assertThatThrownBy(forever::join).isInstanceOf(CancellationException.class);
        assertThat(view).isCompletedExceptionally();
        assertThatThrownBy(() -> loop.callSoonThreadSafe(() -> { })).isInstanceOf(ModelClosedException.class);
        assertThatThrownBy(() -> loop.spawn(() -> Async.completed(1))).isInstanceOf(ModelClosedException.class);
    }

    @Test
    void runInExecutorRunsOffTheLoopAndResumesOnIt() throws Exception {
        try (EventLoop loop = EventLoop.builder().threadName("the-loop").build()) {
            String where = loop.runUntilComplete(() -> Async.runInExecutor(() -> Thread.currentThread().getName())
                    .thenApply(worker -> worker + " then " + Thread.currentThread().getName()));
            assertThat(where).startsWith("the-loop-executor-").endsWith(" then the-loop");
            String viaToThread = loop.runUntilComplete(() -> Async.toThread(() -> "blocking result"));
            assertThat(viaToThread).isEqualTo("blocking result");
        }
    }

    @Test
    void cancellingRunInExecutorInterruptsTheJob() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            AsyncTask<Object> t = loop.spawn(() -> Async.runInExecutor(() -> {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                return null;
            }));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            t.cancel();
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(t::join).isInstanceOf(CancellationException.class);
        }
    }

    @Test
    void gatherOutcomesKeepsEveryResult() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            List<Outcome<String>> outcomes = loop.runUntilComplete(() -> Async.gatherOutcomes(List.of(
                    Async.completed("a"), Async.<String>failed(new IllegalStateException("b")),
                    Async.sleep(Duration.ZERO, "c"))));
            assertThat(outcomes).hasSize(3);
            assertThat(outcomes.get(0).value()).isEqualTo("a");
            assertThat(outcomes.get(1).failure().getCause()).hasMessage("b");
            assertThat(outcomes.get(1).index()).isEqualTo(1);
            assertThat(outcomes.get(2).value()).isEqualTo("c");
        }
    }

    @Test
    void gatherFailsFastWithTheFirstFailure() throws Exception {
        FakeTicker ticker = new FakeTicker();
        Throwable failure = VirtualTime.run(ticker, () -> Async.gather(List.of(
                Async.sleep(Duration.ofSeconds(5), "slow"),
                Async.sleep(1.0).thenApply(v -> {
                    throw new IllegalStateException("fast failure");
                }))).thenApply(v -> (Throwable) null).recover(e -> e));
        assertThat(failure).hasMessage("fast failure");
        assertThat(ticker.nanoTime()).isEqualTo(2_000_000_000L);
    }

    @Test
    void asCompletedYieldsInCompletionOrder() throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<String> order = VirtualTime.run(ticker, () -> {
            List<AsyncTask<String>> inOrder = Async.asCompleted(List.of(
                    Async.sleep(Duration.ofSeconds(3), "three"),
                    Async.sleep(Duration.ofSeconds(1), "one"),
                    Async.sleep(Duration.ofSeconds(2), "two")));
            return Async.gather(inOrder);
        });
        assertThat(order).containsExactly("one", "two", "three");
    }

    @Test
    void foreignTasksCanBeAwaited() throws Exception {
        try (ExecutionModel other = Models.sequential(); EventLoop loop = EventLoop.builder().build()) {
            String r = loop.runUntilComplete(() -> Async.completed(1)
                    .thenCompose(v -> other.submit(() -> "from another model")));
            assertThat(r).isEqualTo("from another model");
        }
    }

    @Test
    void aMillionChainedCallbacksNeedNoStack() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            int n = 200_000;
            long count = loop.runUntilComplete(() -> {
                AsyncTask<Long> t = Async.completed(0L);
                for (int i = 0; i < n; i++) {
                    t = t.thenApply(x -> x + 1);
                }
                return t;
            });
            assertThat(count).isEqualTo(n);
        }
    }
}
