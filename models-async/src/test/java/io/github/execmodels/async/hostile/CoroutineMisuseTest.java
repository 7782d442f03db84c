package io.github.execmodels.async.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.execmodels.TaskFailedException;
import io.github.execmodels.async.Async;
import io.github.execmodels.async.AsyncTask;
import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.coroutines.NeedsJava21;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Await where it cannot suspend, blocking in a body, a body that ignores cancellation, and Java 17: each gets a clear
 * error or a bounded outcome, never a freeze.
 */
@Timeout(60)
class CoroutineMisuseTest {

    @Test
    void onJava17StartingACoroutineThrowsAnErrorNamingJava21() {
        org.junit.jupiter.api.Assumptions.assumeFalse(NeedsJava21.available(), "the runtime has virtual threads");
        assertThatThrownBy(() -> Async.run(() -> "never"))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("Java 21");
        assertThatThrownBy(() -> EventLoop.run(() -> Async.coroutine(() -> "never")))
                .isInstanceOf(TaskFailedException.class).cause()
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("Java 21");
    }

    @Test
    void awaitInAPlainLoopCallbackIsRefusedSayingWhatToDo() {
        Throwable refused = EventLoop.run(() -> {
            AsyncTask<Throwable> outcome = Async.promise();
            Async.loop().callSoon(() -> {
                try {
                    Async.await(Async.sleep(0));
                    outcome.complete(null);
                } catch (Exception e) {
                    outcome.complete(e);
                }
            });
            return outcome;
        });
        assertThat(refused).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("plain callback").hasMessageContaining("Async.coroutine");
    }

    @Test
    void awaitOnAThreadWithoutALoopIsRefusedSayingWhatToDo() {
        try (EventLoop loop = EventLoop.builder().build()) {
            AsyncTask<Void> task = loop.spawn(() -> Async.sleep(0));
            assertThatThrownBy(() -> Async.await(task)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("join()");
        }
    }

    @Test
    void joinInABodyOnATaskThatIsNotDoneIsRefusedInsteadOfFreezingTheLoop() {
        NeedsJava21.assume();
        String result = Async.run(() -> {
            try {
                Async.sleep(Duration.ofSeconds(30)).join();
                return "joined?";
            } catch (IllegalStateException e) {
                return "refused";
            }
        });
        assertThat(result).isEqualTo("refused");
    }

    @Test
    void aBodyAwaitingItsOwnTaskIsRefused() {
        NeedsJava21.assume();
        String result = Async.run(() -> {
            AsyncTask<?>[] self = new AsyncTask<?>[1];
            self[0] = Async.coroutine(() -> {
                try {
                    Async.await(self[0]);
                    return "awaited itself?";
                } catch (IllegalStateException e) {
                    return "refused";
                }
            });
            return (String) Async.await(self[0]);
        });
        assertThat(result).isEqualTo("refused");
    }

    @Test
    void debugModeNamesACoroutineThatBlocksAndShowsWhere() throws Exception {
        NeedsJava21.assume();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (EventLoop loop = EventLoop.builder().debug(true).slowCallbackThreshold(Duration.ofMillis(50)).build()) {
            loop.spawn(() -> Async.coroutine(() -> {
                Async.await(Async.sleep(0));
                Thread.sleep(300); // blocks the body, and so the loop
                return null;
            })).get(30, TimeUnit.SECONDS);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("Coroutine[").contains("execmodels-coroutine-")
                .contains("without awaiting").contains("java.lang.Thread.sleep")
                .contains(CoroutineMisuseTest.class.getName());
    }

    @Test
    void aBodyThatIgnoresEveryCancellationStillEndsWhenItsLoopCloses() throws Exception {
        NeedsJava21.assume();
        Queue<Thread> threads = new ConcurrentLinkedQueue<>();
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        EventLoop loop = EventLoop.builder().build();
        loop.spawn(() -> Async.coroutine(() -> {
            threads.add(Thread.currentThread());
            while (true) {
                try {
                    Async.await(Async.sleep(Duration.ofMillis(10)));
                } catch (CancellationException e) {
                    seen.add(e.getMessage());
                    if (e.getMessage().contains("closed")) {
                        return null; // the loop is gone: every await would throw at once
                    }
                }
            }
        }));
        while (threads.isEmpty()) {
            Thread.sleep(1);
        }
        loop.close();
        assertThat(threads).noneMatch(Thread::isAlive);
        assertThat(seen).last().asString().contains("event loop closed");
    }
}
