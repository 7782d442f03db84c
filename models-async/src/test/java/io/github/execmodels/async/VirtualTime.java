package io.github.execmodels.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a coroutine on a loop with a {@link FakeTicker}, moving the clock to the next timer whenever the loop has
 * nothing else to do (asyncio's test loop does the same), so timed code runs at once and deterministically.
 */
final class VirtualTime {

    private VirtualTime() {
    }

    static <R> AsyncTask<R> drive(EventLoop loop, FakeTicker ticker, Coroutine<R> main) throws Exception {
        AsyncTask<R> task = loop.spawn(main);
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!task.isDone()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("virtual-time run did not finish");
            }
            CompletableFuture<Void> probe = new CompletableFuture<>();
            loop.callSoonThreadSafe(() -> {
                if (!task.isDone() && !loop.turn.hasReadyWork() && !loop.turn.timers.isEmpty()) {
                    ticker.advanceTo(loop.turn.timers.peekDeadline());
                }
                probe.complete(null);
            });
            probe.get(10, TimeUnit.SECONDS);
        }
        return task;
    }

    static <R> R run(FakeTicker ticker, Coroutine<R> main) throws Exception {
        try (EventLoop loop = EventLoop.builder().ticker(ticker).build()) {
            return drive(loop, ticker, main).join();
        }
    }
}
