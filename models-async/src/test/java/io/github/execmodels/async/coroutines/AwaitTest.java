package io.github.execmodels.async.coroutines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.execmodels.TaskFailedException;
import io.github.execmodels.TaskTimeoutException;
import io.github.execmodels.async.Async;
import io.github.execmodels.async.AsyncEvent;
import io.github.execmodels.async.AsyncLock;
import io.github.execmodels.async.AsyncQueue;
import io.github.execmodels.async.AsyncSemaphore;
import io.github.execmodels.async.AsyncTask;
import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.Server;
import io.github.execmodels.async.TcpStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What an await returns and throws, interop with callback-style code, and the loop's API used from a body. */
@Timeout(60)
class AwaitTest {

    @BeforeEach
    void needsJava21() {
        NeedsJava21.assume();
    }

    @Test
    void awaitReturnsTheValueAfterTheTaskCompletesOnALaterTurn() {
        List<String> order = new ArrayList<>();
        String result = Async.run(() -> {
            Async.loop().callSoon(() -> order.add("callback"));
            order.add("before");
            String value = Async.await(Async.sleep(Duration.ofMillis(5), "slept"));
            order.add("after");
            return value;
        });
        assertThat(result).isEqualTo("slept");
        assertThat(order).containsExactly("before", "callback", "after");
    }

    @Test
    void awaitOfADoneTaskDoesNotSuspend() {
        List<String> order = new ArrayList<>();
        Async.run(() -> {
            AsyncTask<String> done = Async.completed("x");
            Async.loop().callSoon(() -> order.add("callback"));
            for (int i = 0; i < 1000; i++) {
                assertThat(Async.await(done)).isEqualTo("x");
            }
            order.add("awaited");
            Async.await(Async.sleep(0));
            return null;
        });
        assertThat(order).containsExactly("awaited", "callback");
    }

    @Test
    void awaitThrowsTheFailureItselfSoACheckedExceptionCanBeCaughtByType() {
        String result = Async.run(() -> {
            AsyncTask<String> failing = Async.sleep(Duration.ofMillis(1))
                    .thenApply(v -> { throw new IOException("no route"); });
            try {
                return Async.await(failing);
            } catch (IOException e) {
                return "caught " + e.getMessage();
            }
        });
        assertThat(result).isEqualTo("caught no route");
    }

    @Test
    void aFailingBodyFailsItsTaskWithTheException() {
        assertThatThrownBy(() -> Async.run(() -> {
            Async.await(Async.sleep(0));
            throw new IllegalArgumentException("bad input");
        })).isInstanceOf(TaskFailedException.class).cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad input");
    }

    @Test
    void callbackStyleCodeComposesOnACoroutineAndACoroutineAwaitsCallbackStyleTasks() {
        String result = EventLoop.run(() -> {
            AsyncTask<Integer> coroutine = Async.coroutine(() -> {
                int a = Async.await(Async.sleep(Duration.ofMillis(1), 20)
                        .thenCompose(v -> Async.sleep(Duration.ofMillis(1), v + 1)));
                return a * 2;
            });
            return coroutine.thenCompose(v -> Async.sleep(Duration.ofMillis(1), "got " + v));
        });
        assertThat(result).isEqualTo("got 42");
    }

    @Test
    void aCoroutineStartedFromAnotherThreadThroughSpawn() {
        try (EventLoop loop = EventLoop.builder().build()) {
            AsyncTask<String> task = loop.spawn(() -> Async.coroutine(() -> {
                Async.await(Async.sleep(0));
                return Thread.currentThread().getName().startsWith("execmodels-coroutine-") + " " + Async.loop().inEventLoop();
            }));
            assertThat(task.join()).isEqualTo("true true");
        }
    }

    @Test
    void gatherWaitForTimeoutAndShieldWorkInABody() {
        List<Object> seen = Async.run(() -> {
            List<Object> out = new ArrayList<>();
            out.add(Async.await(Async.gather(Async.coroutine(() -> 1), Async.sleep(Duration.ofMillis(2), 2))));
            try {
                Async.await(Async.waitFor(Async.sleep(Duration.ofSeconds(10)), Duration.ofMillis(5)));
            } catch (TaskTimeoutException e) {
                out.add("waitFor timed out");
            }
            try {
                Async.await(Async.timeout(Duration.ofMillis(5), () -> Async.coroutine(() ->
                        Async.await(Async.sleep(Duration.ofSeconds(10), "late")))));
            } catch (TaskTimeoutException e) {
                out.add("timeout timed out");
            }
            AsyncTask<String> inner = Async.coroutine(() -> Async.await(Async.sleep(Duration.ofMillis(5), "kept")));
            AsyncTask<String> shielded = Async.shield(inner);
            shielded.cancel();
            out.add(Async.await(inner));
            return out;
        });
        assertThat(seen).containsExactly(List.of(1, 2), "waitFor timed out", "timeout timed out", "kept");
    }

    @Test
    void taskGroupsAndPrimitivesWorkInABody() {
        String result = Async.run(() -> {
            AsyncLock lock = new AsyncLock();
            AsyncSemaphore permits = new AsyncSemaphore(1);
            AsyncEvent ready = new AsyncEvent();
            AsyncQueue<String> queue = new AsyncQueue<>(1);
            StringBuilder log = new StringBuilder();
            Async.await(Async.taskGroup(group -> {
                group.spawn(() -> Async.coroutine(() -> {
                    Async.await(ready.await());
                    Async.await(lock.acquire());
                    try {
                        log.append("locked ");
                    } finally {
                        lock.release();
                    }
                    Async.await(permits.acquire());
                    permits.release();
                    Async.await(queue.put("item"));
                    return null;
                }));
                return Async.coroutine(() -> {
                    Async.await(Async.sleep(Duration.ofMillis(2)));
                    ready.set();
                    log.append(Async.await(queue.get()));
                    return null;
                });
            }));
            log.append(" ").append(Async.await(Async.runInExecutor(() -> Thread.currentThread().getName().startsWith("execmodels-coroutine-"))));
            return log.toString();
        });
        assertThat(result).isEqualTo("locked item false");
    }

    @Test
    void streamsWorkInABodyOnBothSides() {
        List<String> replies = Async.run(() -> {
            Server server = Async.loop().startServer("127.0.0.1", 0, stream -> Async.coroutine(() -> {
                byte[] line;
                while ((line = Async.await(stream.readLine())).length > 0) {
                    stream.write(line);
                    Async.await(stream.drain());
                }
                return null;
            }));
            try {
                TcpStream client = Async.await(Async.openConnection("127.0.0.1", server.port()));
                List<String> got = new ArrayList<>();
                for (String word : List.of("one", "two", "three")) {
                    client.write(word + "\n");
                    got.add(new String(Async.await(client.readLine()), StandardCharsets.UTF_8).trim());
                }
                Async.await(client.close());
                return got;
            } finally {
                server.close();
            }
        });
        assertThat(replies).containsExactly("one", "two", "three");
    }
}
