package io.github.execmodels.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.execmodels.TaskTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cancellation reaches what a task awaits, and lets the task clean up on the loop. */
@Timeout(60)
class CancellationTest {

    @Test
    void cancellingAChainCancelsTheSleepItWaitsOnAndRunsCleanup() throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<String> log = new ArrayList<>();
        AtomicReference<AsyncTask<Void>> innerSleep = new AtomicReference<>();
        String result = VirtualTime.run(ticker, () -> {
            AsyncTask<String> worker = Async.spawn(() -> Async.sleep(1.0)
                    .thenCompose(v -> {
                        log.add("first sleep done");
                        AsyncTask<Void> s = Async.sleep(100.0);
                        innerSleep.set(s);
                        return s;
                    })
                    .thenApply(v -> {
                        log.add("never");
                        return "finished";
                    })
                    .andFinally(() -> log.add("cleanup"))
                    .recover(e -> {
                        log.add("saw " + e.getClass().getSimpleName());
                        throw (Exception) e;
                    }));
            return Async.sleep(2.0).thenApply(v -> {
                assertThat(Async.loop().turn.timers.size()).isEqualTo(1);
                worker.cancel();
                return worker;
            }).thenCompose(w -> w.recover(e -> e instanceof CancellationException ? "cancelled" : "other"));
        });
        assertThat(result).isEqualTo("cancelled");
        assertThat(innerSleep.get().isCancelled()).isTrue();
        assertThat(log).containsExactly("first sleep done", "cleanup", "saw CancellationException");
    }

    @Test
    void theCancelledTimerIsRemovedFromTheHeap() throws Exception {
        FakeTicker ticker = new FakeTicker();
        try (EventLoop loop = EventLoop.builder().ticker(ticker).build()) {
            int left = loop.runUntilComplete(() -> {
                AsyncTask<Void> s = Async.sleep(1000.0);
                s.cancel();
                return Async.completed(Async.loop().turn.timers.size());
            });
            assertThat(left).isZero();
        }
    }

    @Test
    void aTaskCancelledBeforeItStartsNeverRuns() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            List<String> ran = new ArrayList<>();
            boolean cancelled = loop.runUntilComplete(() -> {
                AsyncTask<String> t = Async.spawn(() -> {
                    ran.add("body");
                    return Async.completed("x");
                });
                t.cancel();
                return Async.sleep(0.0).thenApply(v -> t.isCancelled());
            });
            assertThat(cancelled).isTrue();
            assertThat(ran).isEmpty();
        }
    }

    @Test
    void cancelFromAnotherThreadReachesTheLoop() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            AsyncTask<Void> t = loop.spawn(() -> Async.sleep(3600.0));
            assertThat(t.cancel(true)).isTrue();
            assertThatThrownBy(t::join).isInstanceOf(CancellationException.class);
            assertThat(t.status()).isEqualTo(io.github.execmodels.Task.Status.CANCELLED);
        }
    }

    @Test
    void waitForCancelsOnTimeout() throws Exception {
        FakeTicker ticker = new FakeTicker();
        AtomicReference<AsyncTask<Void>> slow = new AtomicReference<>();
        Throwable failure = VirtualTime.run(ticker, () -> {
            slow.set(Async.sleep(10.0));
            return Async.waitFor(slow.get(), Duration.ofSeconds(1)).thenApply(v -> (Throwable) null)
                    .recover(e -> e);
        });
        assertThat(failure).isInstanceOf(TaskTimeoutException.class);
        assertThat(((TaskTimeoutException) failure).timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(slow.get().isCancelled()).isTrue();
    }

    @Test
    void waitForReturnsTheResultInTime() throws Exception {
        FakeTicker ticker = new FakeTicker();
        String r = VirtualTime.run(ticker, () -> Async.waitFor(Async.sleep(Duration.ofMillis(500), "ok"),
                Duration.ofSeconds(1)));
        assertThat(r).isEqualTo("ok");
    }

    @Test
    void timeoutCancelsItsBody() throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<String> log = new ArrayList<>();
        Throwable failure = VirtualTime.run(ticker, () -> Async.timeout(Duration.ofSeconds(2),
                () -> Async.sleep(5.0).andFinally(() -> log.add("body cleaned up")))
                .thenApply(v -> (Throwable) null).recover(e -> e));
        assertThat(failure).isInstanceOf(TaskTimeoutException.class);
        assertThat(log).containsExactly("body cleaned up");
    }

    @Test
    void shieldKeepsTheInnerTaskRunning() throws Exception {
        FakeTicker ticker = new FakeTicker();
        AtomicReference<AsyncTask<String>> inner = new AtomicReference<>();
        String r = VirtualTime.run(ticker, () -> {
            inner.set(Async.sleep(Duration.ofSeconds(2), "inner done"));
            AsyncTask<String> shielded = Async.shield(inner.get());
            AsyncTask<String> outer = shielded.thenApply(v -> "outer done");
            return Async.sleep(1.0).thenCompose(v -> {
                outer.cancel();
                return outer.recover(e -> "outer " + e.getClass().getSimpleName());
            }).thenCompose(outerResult -> inner.get().thenApply(i -> outerResult + " / " + i));
        });
        assertThat(r).isEqualTo("outer CancellationException / inner done");
    }

    @Test
    void cancellingAGatherCancelsEveryChild() throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<AsyncTask<Void>> children = new ArrayList<>();
        boolean gatherCancelled = VirtualTime.run(ticker, () -> {
            for (int i = 0; i < 3; i++) {
                children.add(Async.sleep(10.0 + i));
            }
            AsyncTask<java.util.List<Void>> g = Async.gather(children);
            return Async.sleep(1.0).thenCompose(v -> {
                g.cancel();
                return g.thenApply(x -> false).recover(e -> e instanceof CancellationException);
            });
        });
        assertThat(gatherCancelled).isTrue();
        assertThat(children).allMatch(AsyncTask::isCancelled);
    }

    @Test
    void recoveringFromACancellationIsAllowedAsInAsyncio() throws Exception {
        FakeTicker ticker = new FakeTicker();
        String r = VirtualTime.run(ticker, () -> {
            AsyncTask<String> t = Async.sleep(Duration.ofSeconds(5), "slept").recover(e -> "recovered");
            return Async.sleep(1.0).thenCompose(v -> {
                t.cancel();
                return t;
            });
        });
        assertThat(r).isEqualTo("recovered");
    }
}
