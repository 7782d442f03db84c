package io.github.execmodels.async.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.TaskTimeoutException;
import io.github.execmodels.async.Async;
import io.github.execmodels.async.EventLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Delays at the ends of the {@code long} range. Timers are ordered by the difference of their deadlines, which
 * is only sound while no two deadlines lie 2<sup>63</sup> ns apart: a timer "for ever" must not overtake one that
 * is already due.
 */
@Timeout(30)
class ExtremeDelaysTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    @Test
    void anEndlessTimerDoesNotHoldBackAnOverdueOne() throws Exception {
        try (EventLoop loop = EventLoop.builder().ticker(clock::get).build()) {
            CompletableFuture<String> fired = new CompletableFuture<>();
            loop.callSoonThreadSafe(() -> {
                loop.callLater(Duration.ofMillis(10), () -> fired.complete("the due timer"));
                clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(20)); // it is overdue before the loop looks again
                loop.callLater(Duration.ofNanos(Long.MAX_VALUE), () -> fired.complete("the endless timer"));
            });
            assertThat(fired.get(10, TimeUnit.SECONDS)).isEqualTo("the due timer");
        }
    }

    @Test
    void aNegativeDelayRunsOnTheNextTurn() throws Exception {
        try (EventLoop loop = EventLoop.builder().ticker(clock::get).build()) {
            CompletableFuture<String> fired = new CompletableFuture<>();
            loop.callSoonThreadSafe(() -> loop.callLater(Duration.ofSeconds(Long.MIN_VALUE), () -> fired.complete("ran")));
            assertThat(fired.get(10, TimeUnit.SECONDS)).isEqualTo("ran");
        }
    }

    @Test
    void anEndlessSleepCanBeTimedOut() {
        try (EventLoop loop = EventLoop.builder().build()) {
            String outcome = loop.runUntilComplete(() -> Async.waitFor(Async.sleep(Duration.ofSeconds(Long.MAX_VALUE)),
                    Duration.ofMillis(20)).thenApply(v -> "slept for ever?")
                    .recover(e -> e instanceof TaskTimeoutException ? "timed out" : e.toString()));
            assertThat(outcome).isEqualTo("timed out");
        }
    }
}
