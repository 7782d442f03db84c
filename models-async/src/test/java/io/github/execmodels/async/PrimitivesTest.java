package io.github.execmodels.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Queue, lock, semaphore and event: waiters are served first come, first served. */
@Timeout(60)
class PrimitivesTest {

    @Test
    void queueGettersAreServedInOrderAndPutWaitsWhenFull() throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<String> log = new ArrayList<>();
        VirtualTime.run(ticker, () -> {
            AsyncQueue<Integer> q = new AsyncQueue<>(2);
            List<Task<Object>> all = new ArrayList<>();
            for (int g = 0; g < 3; g++) {
                String name = "getter" + g;
                all.add(q.get().thenApply(item -> log.add(name + " got " + item)));
            }
            // three getters wait; five puts: three go to getters in order, two fill the queue
            for (int i = 0; i < 5; i++) {
                q.put(i);
            }
            assertThat(q.size()).isEqualTo(2);
            AsyncTask<Void> blocked = q.put(99);
            assertThat(blocked.isDone()).isFalse();
            all.add(Async.sleep(1.0).thenCompose(v -> {
                log.add("queue still full: " + !blocked.isDone());
                return q.get();
            }).thenApply(item -> log.add("later got " + item + ", putter done: " + blocked.isDone())));
            return Async.gather(all);
        });
        assertThat(log).containsExactly("getter0 got 0", "getter1 got 1", "getter2 got 2", "queue still full: true",
                "later got 3, putter done: true");
    }

    @Test
    void aCancelledGetterTakesNothing() throws Exception {
        FakeTicker ticker = new FakeTicker();
        String r = VirtualTime.run(ticker, () -> {
            AsyncQueue<String> q = new AsyncQueue<>(10);
            AsyncTask<String> first = q.get();
            AsyncTask<String> second = q.get();
            first.cancel();
            q.put("item");
            return second;
        });
        assertThat(r).isEqualTo("item");
    }

    @Test
    void lockIsFairAndExclusive() throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<String> log = new ArrayList<>();
        VirtualTime.run(ticker, () -> {
            AsyncLock lock = new AsyncLock();
            List<Task<String>> all = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "t" + i;
                all.add(lock.withLock(() -> {
                    log.add(name + " in");
                    return Async.sleep(1.0).thenApply(v -> {
                        log.add(name + " out");
                        return name;
                    });
                }));
            }
            return Async.gather(all).thenApply(v -> {
                assertThat(lock.isLocked()).isFalse();
                return v;
            });
        });
        assertThat(log).containsExactly("t0 in", "t0 out", "t1 in", "t1 out", "t2 in", "t2 out", "t3 in", "t3 out");
    }

    @Test
    void aNewcomerDoesNotJumpTheLockQueue() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            boolean[] result = loop.runUntilComplete(() -> {
                AsyncLock lock = new AsyncLock();
                assertThat(lock.tryAcquire()).isTrue();
                AsyncTask<Void> waiter = lock.acquire();
                lock.release(); // handed to the waiter
                return Async.completed(new boolean[] {waiter.isDone(), lock.tryAcquire(), lock.isLocked()});
            });
            assertThat(result).containsExactly(true, false, true);
        }
    }

    @Test
    void semaphoreLimitsConcurrencyInArrivalOrder() throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<String> log = new ArrayList<>();
        int[] inside = {0};
        int[] most = {0};
        VirtualTime.run(ticker, () -> {
            AsyncSemaphore sem = new AsyncSemaphore(2);
            List<Task<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                all.add(sem.withPermit(() -> {
                    inside[0]++;
                    most[0] = Math.max(most[0], inside[0]);
                    log.add("start " + n);
                    return Async.sleep(1.0).thenApply(v -> {
                        inside[0]--;
                        return n;
                    });
                }));
            }
            return Async.gather(all).thenApply(v -> {
                assertThat(sem.available()).isEqualTo(2);
                return v;
            });
        });
        assertThat(most[0]).isEqualTo(2);
        assertThat(log).containsExactly("start 0", "start 1", "start 2", "start 3", "start 4", "start 5");
    }

    @Test
    void eventWakesEveryWaiterInOrder() throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<String> log = new ArrayList<>();
        VirtualTime.run(ticker, () -> {
            AsyncEvent event = new AsyncEvent();
            List<Task<Boolean>> all = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String name = "w" + i;
                all.add(event.await().thenApply(v -> log.add(name)));
            }
            all.add(Async.sleep(1.0).thenApply(v -> {
                log.add("set");
                event.set();
                return true;
            }));
            return Async.gather(all).thenCompose(v -> event.await()).thenApply(v -> event.isSet());
        });
        assertThat(log).containsExactly("set", "w0", "w1", "w2");
    }
}
