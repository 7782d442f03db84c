package io.github.execmodels.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Models;
import io.github.execmodels.Task;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Failures in callbacks, slow callbacks, unretrieved failures and blocking calls on the loop's own thread. */
@Timeout(60)
class DiagnosticsTest {

    private LogCapture capture;

    @BeforeEach
    void capture() {
        capture = LogCapture.start();
    }

    @AfterEach
    void restore() {
        capture.close();
    }

    @Test
    void anExceptionInACallbackIsLoggedAndTheLoopGoesOn() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            loop.callSoonThreadSafe(() -> {
                throw new IllegalStateException("callback failed");
            });
            assertThat(loop.runUntilComplete(() -> Async.completed("still alive"))).isEqualTo("still alive");
            assertThat(capture.messagesOf(loop)).anyMatch(s -> s.contains("Exception in callback") && s.contains("callback failed"));
        }
    }

    @Test
    void debugModeWarnsAboutASlowCallbackNamingIt() throws Exception {
        FakeTicker ticker = new FakeTicker();
        try (EventLoop loop = EventLoop.builder().ticker(ticker).debug(true).build()) {
            Runnable slow = new Runnable() {
                @Override
                public void run() {
                    ticker.advance(Duration.ofMillis(250));
                }

                @Override
                public String toString() {
                    return "the-slow-callback";
                }
            };
            Runnable quick = new Runnable() {
                @Override
                public void run() {
                    ticker.advance(Duration.ofMillis(50));
                }

                @Override
                public String toString() {
                    return "the-quick-callback";
                }
            };
            loop.callSoonThreadSafe(quick);
            loop.callSoonThreadSafe(slow);
            loop.runUntilComplete(() -> Async.completed(null));
            assertThat(capture.messagesOf(loop)).containsExactly("Executing the-slow-callback took 0.250 seconds");
        }
    }

    @Test
    void slowCallbacksAreNotTimedOutsideDebugMode() throws Exception {
        FakeTicker ticker = new FakeTicker();
        try (EventLoop loop = EventLoop.builder().ticker(ticker).debug(false).build()) {
            loop.callSoonThreadSafe(() -> ticker.advance(Duration.ofSeconds(1)));
            loop.runUntilComplete(() -> Async.completed(null));
            assertThat(capture.messagesOf(loop)).isEmpty();
        }
    }

    @Test
    void debugModeFollowsTheSystemProperty() throws Exception {
        String before = System.getProperty(EventLoop.DEBUG_PROPERTY);
        System.setProperty(EventLoop.DEBUG_PROPERTY, "true");
        FakeTicker ticker = new FakeTicker();
        try (EventLoop loop = EventLoop.builder().ticker(ticker).build()) {
            loop.callSoonThreadSafe(() -> ticker.advance(Duration.ofMillis(150)));
            loop.runUntilComplete(() -> Async.completed(null));
            assertThat(capture.messagesOf(loop)).hasSize(1);
        } finally {
            if (before == null) {
                System.clearProperty(EventLoop.DEBUG_PROPERTY);
            } else {
                System.setProperty(EventLoop.DEBUG_PROPERTY, before);
            }
        }
    }

    @Test
    void aFailureNobodyRetrievedIsLogged() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            loop.runUntilComplete(() -> {
                Async.spawn(() -> Async.failed(new IllegalArgumentException("nobody looks at me")));
                return Async.sleep(0.0).thenCompose(v -> Async.sleep(0.0)).thenApply(v -> null);
            });
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (capture.messagesOf(loop).isEmpty() && System.nanoTime() < giveUp) {
                System.gc();
                loop.runUntilComplete(() -> Async.sleep(Duration.ofMillis(20)));
            }
            assertThat(capture.messagesOf(loop)).anyMatch(s -> s.contains("never retrieved") && s.contains("nobody looks at me"));
        }
    }

    @Test
    void aRetrievedFailureIsNotLogged() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            AsyncTask<Object> t = loop.spawn(() -> Async.failed(new IllegalArgumentException("looked at")));
            assertThatThrownBy(t::join).hasRootCauseMessage("looked at");
            t = null;
            for (int i = 0; i < 5; i++) {
                System.gc();
                loop.runUntilComplete(() -> Async.sleep(Duration.ofMillis(10)));
            }
            assertThat(capture.messagesOf(loop)).isEmpty();
        }
    }

    @Test
    void joinOnTheLoopThreadThrowsInsteadOfFreezing() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            Throwable thrown = loop.runUntilComplete(() -> {
                AsyncTask<Void> pending = Async.sleep(3600.0);
                try {
                    pending.join();
                    return Async.completed(null);
                } catch (IllegalStateException e) {
                    pending.cancel();
                    return Async.completed(e);
                }
            });
            assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("block");
            // a done task may be joined on the loop
            assertThat(loop.runUntilComplete(() -> Async.completed(Async.completed(7).join()))).isEqualTo(7);
        }
    }

    @Test
    void blockingModelCallsOnTheLoopThreadThrow() throws Exception {
        try (ExecutionModel model = Models.eventLoop()) {
            CompletableFuture<Throwable> mapOnLoop = new CompletableFuture<>();
            CompletableFuture<Throwable> joinOnLoop = new CompletableFuture<>();
            Task<Object> outer = model.submit(() -> {
                try {
                    model.map(x -> x, List.of(1, 2));
                } catch (IllegalStateException e) {
                    mapOnLoop.complete(e);
                }
                Task<Integer> inner = model.submit(() -> 1);
                try {
                    inner.join();
                } catch (IllegalStateException e) {
                    joinOnLoop.complete(e);
                }
                return null;
            });
            outer.join();
            assertThat(mapOnLoop.get(10, TimeUnit.SECONDS)).hasMessageContaining("event loop's own thread");
            assertThat(joinOnLoop.get(10, TimeUnit.SECONDS)).hasMessageContaining("event loop's own thread");
        }
    }

    @Test
    void loopOnlyMethodsRejectOtherThreads() {
        try (EventLoop loop = EventLoop.builder().build()) {
            assertThatThrownBy(() -> loop.callSoon(() -> { })).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("callSoonThreadSafe");
            assertThatThrownBy(() -> Async.sleep(1.0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no event loop");
        }
    }
}
