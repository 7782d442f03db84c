package io.github.execmodels.async.coroutines;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.async.Async;
import io.github.execmodels.async.AsyncLock;
import io.github.execmodels.async.AsyncQueue;
import io.github.execmodels.async.AsyncTask;
import io.github.execmodels.async.Coroutine;
import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.Server;
import io.github.execmodels.async.TcpStream;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancelling a coroutine makes its pending await throw, so its {@code finally} runs; closing the loop does that to
 * every suspended body, and their virtual threads end.
 */
@Timeout(60)
class CancelAndCloseTest {

    @BeforeEach
    void needsJava21() {
        NeedsJava21.assume();
    }

    /** Starts a coroutine that awaits {@code pending} inside try/finally, cancels it once suspended, checks it unwound. */
    private static void cancelReachesFinally(Coroutine<AsyncTask<?>> pendingTask) {
        List<String> seen = new CopyOnWriteArrayList<>();
        String outcome = Async.run(() -> {
            AsyncTask<?> pending = Async.await(pendingTask.call());
            AsyncTask<Object> body = Async.coroutine(() -> {
                try {
                    seen.add("awaiting");
                    Async.await(pending);
                    seen.add("resumed?");
                    return null;
                } catch (CancellationException e) {
                    seen.add("cancelled");
                    throw e;
                } finally {
                    seen.add("finally");
                }
            });
            Async.await(Async.sleep(Duration.ofMillis(2)));
            body.cancel();
            try {
                Async.await(body);
                return "not cancelled";
            } catch (CancellationException e) {
                return body.status().toString();
            }
        });
        assertThat(outcome).isEqualTo("CANCELLED");
        assertThat(seen).containsExactly("awaiting", "cancelled", "finally");
    }

    @Test
    void cancelReachesFinallyOfABodySuspendedOnASleep() {
        cancelReachesFinally(() -> Async.completed(Async.sleep(Duration.ofSeconds(30))));
    }

    @Test
    void cancelReachesFinallyOfABodySuspendedOnAQueueGet() {
        cancelReachesFinally(() -> Async.completed(new AsyncQueue<String>(1).get()));
    }

    @Test
    void cancelReachesFinallyOfABodySuspendedOnALock() {
        cancelReachesFinally(() -> {
            AsyncLock lock = new AsyncLock();
            lock.acquire();
            return Async.completed(lock.acquire());
        });
    }

    @Test
    void cancelReachesFinallyOfABodySuspendedOnASocketRead() {
        AtomicBoolean serverReady = new AtomicBoolean();
        cancelReachesFinally(() -> {
            Server server = Async.loop().startServer("127.0.0.1", 0, stream -> Async.sleep(Duration.ofSeconds(30)));
            serverReady.set(true);
            return Async.openConnection("127.0.0.1", server.port()).thenApply(TcpStream::readLine);
        });
        assertThat(serverReady).isTrue();
    }

    @Test
    void aBodyMayCatchTheCancellationAndGoOn() {
        String result = Async.run(() -> {
            AsyncTask<String> body = Async.coroutine(() -> {
                try {
                    Async.await(Async.sleep(Duration.ofSeconds(30)));
                    return "slept";
                } catch (CancellationException e) {
                    Async.await(Async.sleep(Duration.ofMillis(1)));
                    return "went on";
                }
            });
            Async.await(Async.sleep(Duration.ofMillis(2)));
            body.cancel();
            return Async.await(body) + " " + body.status();
        });
        assertThat(result).isEqualTo("went on SUCCEEDED");
    }

    @Test
    void aCoroutineCancelledBeforeItStartsNeverRuns() {
        AtomicBoolean ran = new AtomicBoolean();
        String status = Async.run(() -> {
            AsyncTask<Void> body = Async.coroutine(() -> {
                ran.set(true);
                return null;
            });
            body.cancel();
            Async.await(Async.sleep(Duration.ofMillis(2)));
            return body.status().toString();
        });
        assertThat(status).isEqualTo("CANCELLED");
        assertThat(ran).isFalse();
    }

    @Test
    void aCancellationThatArrivesAfterTheAwaitedTaskCompletedIsThrownByTheAwait() {
        String result = Async.run(() -> {
            AsyncTask<String> promise = Async.promise();
            AsyncTask<String> body = Async.coroutine(() -> {
                try {
                    return Async.await(promise);
                } catch (CancellationException e) {
                    return "cancelled although the promise was done";
                }
            });
            Async.await(Async.sleep(Duration.ofMillis(2)));
            Async.loop().callSoon(() -> {
                promise.complete("value"); // the body's resumption is now pending...
                body.cancel();             // ...and the cancellation cannot reach the promise any more
            });
            return Async.await(body);
        });
        assertThat(result).isEqualTo("cancelled although the promise was done");
    }

    @Test
    void closingALoopWithTenThousandSuspendedBodiesCancelsThemAllAndEndsTheirThreads() throws Exception {
        int n = 10_000;
        Queue<Thread> threads = new ConcurrentLinkedQueue<>();
        AtomicInteger finallies = new AtomicInteger();
        EventLoop loop = EventLoop.builder().build();
        AsyncTask<Void> started = loop.spawn(() -> Async.coroutine(() -> {
            for (int i = 0; i < n; i++) {
                boolean onASleep = i % 2 == 0;
                Async.coroutine(() -> {
                    threads.add(Thread.currentThread());
                    try {
                        Async.await(onASleep ? Async.sleep(Duration.ofHours(1)) : Async.promise());
                    } finally {
                        finallies.incrementAndGet();
                    }
                    return null;
                });
            }
            while (threads.size() < n) {
                Async.await(Async.sleep(Duration.ofMillis(1)));
            }
            return null;
        }));
        started.get(30, TimeUnit.SECONDS);
        assertThat(loop.liveTasks()).isGreaterThanOrEqualTo(n);
        loop.close();
        assertThat(threads).hasSize(n);
        assertThat(threads).noneMatch(Thread::isAlive);
        assertThat(finallies).hasValue(n);
    }
}
