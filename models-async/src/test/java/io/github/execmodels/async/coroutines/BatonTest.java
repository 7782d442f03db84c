package io.github.execmodels.async.coroutines;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Models;
import io.github.execmodels.Task;
import io.github.execmodels.async.Async;
import io.github.execmodels.async.AsyncQueue;
import io.github.execmodels.async.AsyncTask;
import io.github.execmodels.async.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * At most one coroutine body or loop callback runs at any moment. {@code inside} is atomic so that an overlap is
 * seen for certain; {@code count} is a plain field, exact only if the code between two awaits is never interleaved.
 */
@Timeout(120)
class BatonTest {

    private static final int COROUTINES = 1_000;
    private static final int ROUNDS = 100;

    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger mostInside = new AtomicInteger();
    private int count;

    @BeforeEach
    void needsJava21() {
        NeedsJava21.assume();
    }

    private void enter() {
        int now = inside.incrementAndGet();
        mostInside.accumulateAndGet(now, Math::max);
    }

    private void leave() {
        inside.decrementAndGet();
    }

    /** A step between two awaits: a read-modify-write of a plain field, spread over a yield of the CPU. */
    private void criticalSection() {
        enter();
        int before = count;
        Thread.yield(); // gives another thread every chance to run, if one could
        count = before + 1;
        leave();
    }

    @Test
    void aThousandCoroutinesAwaitingZeroSleepsNeverOverlap() {
        int total = Async.run(() -> {
            List<AsyncTask<Void>> all = new ArrayList<>();
            for (int c = 0; c < COROUTINES; c++) {
                all.add(Async.coroutine(() -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        criticalSection();
                        Async.await(Async.sleep(0));
                    }
                    return null;
                }));
            }
            Async.await(Async.gather(all));
            return count;
        });
        assertThat(mostInside).hasValue(1);
        assertThat(total).isEqualTo(COROUTINES * ROUNDS);
    }

    @Test
    void aThousandCoroutinesPassingItemsThroughAQueueNeverOverlapWithEachOtherOrWithCallbacks() {
        AtomicBoolean done = new AtomicBoolean();
        int total = Async.run(() -> {
            AsyncQueue<Integer> queue = new AsyncQueue<>(10);
            tickUntil(done); // a loop callback that keeps coming back while the coroutines run
            List<AsyncTask<Void>> all = new ArrayList<>();
            for (int c = 0; c < COROUTINES; c++) {
                boolean producer = c % 2 == 0;
                all.add(Async.coroutine(() -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        criticalSection();
                        if (producer) {
                            Async.await(queue.put(i));
                        } else {
                            Async.await(queue.get());
                        }
                    }
                    return null;
                }));
            }
            Async.await(Async.gather(all));
            done.set(true);
            return count;
        });
        assertThat(mostInside).hasValue(1);
        assertThat(total).isEqualTo(COROUTINES * ROUNDS);
    }

    private void tickUntil(AtomicBoolean done) {
        Async.loop().callSoon(() -> {
            enter();
            count++;
            count--;
            leave();
            if (!done.get()) {
                tickUntil(done);
            }
        });
    }

    @Test
    void awaitingAThreadPoolsTasksResumesUnderTheBaton() {
        try (ExecutionModel pool = Models.threads(4)) {
            AtomicBoolean done = new AtomicBoolean();
            int total = Async.run(() -> {
                tickUntil(done);
                List<AsyncTask<Void>> all = new ArrayList<>();
                for (int c = 0; c < 100; c++) {
                    all.add(Async.coroutine(() -> {
                        for (int i = 0; i < 20; i++) {
                            criticalSection();
                            Task<Integer> t = pool.submit(() -> 6 * 7);
                            assertThat(Async.await(t)).isEqualTo(42);
                            assertThat(Async.loop().inEventLoop()).isTrue();
                        }
                        return null;
                    }));
                }
                Async.await(Async.gather(all));
                done.set(true);
                return count;
            });
            assertThat(mostInside).hasValue(1);
            assertThat(total).isEqualTo(100 * 20);
        }
    }

    @Test
    void awaitingAProcessPoolsTasksResumesUnderTheBaton() {
        try (ExecutionModel pool = Models.processes(1)) {
            AtomicBoolean done = new AtomicBoolean();
            EventLoop.run(() -> Async.coroutine(() -> {
                tickUntil(done);
                List<AsyncTask<Integer>> all = new ArrayList<>();
                for (int c = 0; c < 10; c++) {
                    int n = c;
                    all.add(Async.coroutine(() -> {
                        criticalSection();
                        int answer = Async.await(pool.submit(() -> n * n));
                        criticalSection();
                        return answer;
                    }));
                }
                List<Integer> squares = Async.await(Async.gather(all));
                done.set(true);
                assertThat(squares).containsExactly(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);
                return null;
            }));
            assertThat(mostInside).hasValue(1);
            assertThat(count).isEqualTo(20);
        }
    }
}
