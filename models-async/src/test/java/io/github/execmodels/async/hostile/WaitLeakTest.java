package io.github.execmodels.async.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.WaitTimeoutException;
import io.github.execmodels.async.Async;
import io.github.execmodels.async.AsyncTask;
import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.TimerHandle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Waits that give up, and timers cancelled from another thread, leave nothing behind: the heap they retain does
 * not grow with their count. (The length of a join's timeout does not change what it leaves behind, so these
 * give up at once, to keep the test quick.)
 */
@Timeout(60)
class WaitLeakTest {

    private static final int COUNT = 100_000;
    /** Far below the ~260 bytes per wait (26 MiB per 100,000) that leaked before. */
    private static final long TOLERANCE = 6L << 20;

    @Test
    void timedOutJoinsFromAnotherThreadRetainNothing() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            AsyncTask<Object> never = loopPromise(loop);
            joinTimingOut(never, 10_000); // warm up
            long before = RetainedHeap.bytes();
            joinTimingOut(never, COUNT);
            loop.submit(() -> null).join(); // what the joins sent to the loop has run
            long grown = RetainedHeap.bytes() - before;
            assertThat(grown).as("heap retained by %d timed-out joins", COUNT).isLessThan(TOLERANCE);
        }
    }

    @Test
    void timedOutGetsFromAnotherThreadRetainNothing() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            AsyncTask<Object> never = loopPromise(loop);
            long before = RetainedHeap.bytes();
            for (int i = 0; i < COUNT; i++) {
                try {
                    never.get(0, TimeUnit.NANOSECONDS);
                } catch (TimeoutException expected) {
                    // the point
                }
            }
            loop.submit(() -> null).join();
            assertThat(RetainedHeap.bytes() - before).isLessThan(TOLERANCE);
        }
    }

    @Test
    void timersCancelledFromAnotherThreadLeaveTheHeap() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            long before = RetainedHeap.bytes();
            TimerHandle[] handles = new TimerHandle[COUNT];
            for (int i = 0; i < COUNT; i++) {
                byte[] payload = new byte[64]; // what a real callback would hold on to
                handles[i] = loop.callLater(Duration.ofHours(1), () -> payload[0]++);
            }
            loop.submit(() -> null).join(); // the timers are in the loop's heap
            for (int i = 0; i < COUNT; i++) {
                handles[i].cancel();
                handles[i] = null;
            }
            loop.submit(() -> null).join(); // the cancels have reached the loop
            long grown = RetainedHeap.bytes() - before;
            assertThat(grown).as("heap retained by %d cancelled timers", COUNT).isLessThan(TOLERANCE);
        }
    }

    @Test
    void aTimerCancelledFromAnotherThreadAfterItEnteredTheHeapDoesNotRun() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            boolean[] ran = new boolean[1];
            TimerHandle handle = loop.callLater(Duration.ofMillis(200), () -> ran[0] = true);
            loop.submit(() -> null).join(); // it is in the heap now
            handle.cancel();
            Thread.sleep(400);
            assertThat(loop.submit(() -> ran[0]).join()).isFalse();
        }
    }

    private static AsyncTask<Object> loopPromise(EventLoop loop) {
        return loop.submit(() -> Async.<Object>promise()).join();
    }

    private static void joinTimingOut(AsyncTask<Object> task, int times) {
        for (int i = 0; i < times; i++) {
            try {
                task.join(Duration.ZERO);
                throw new AssertionError("a promise nobody completes was done");
            } catch (WaitTimeoutException expected) {
                // the point
            }
        }
    }
}
