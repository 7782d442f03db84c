package io.github.execmodels.async.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.execmodels.MapOptions;
import io.github.execmodels.async.EventLoop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A loop closed from a third thread while another thread waits in {@code map}: the chunk on the loop has put its
 * next element back on the ready queue, a self-rescheduling callback keeps the queue from ever emptying, so the
 * loop ends at its shutdown grace and drops what is queued. The thread in {@code map} must get an answer.
 */
@Timeout(30)
class CloseWhileMappingTest {

    @Test
    void mapAnswersWhenTheLoopClosesUnderIt() throws Exception {
        EventLoop loop = EventLoop.builder().build();
        CountDownLatch mapping = new CountDownLatch(1);
        loop.callSoonThreadSafe(new Runnable() {
            @Override
            public void run() {
                loop.callSoon(this); // keeps the loop busy for ever
            }
        });
        List<Integer> data = IntStream.range(0, 100_000).boxed().collect(Collectors.toList());
        CompletableFuture<Object> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return loop.map(x -> {
                    mapping.countDown();
                    Thread.sleep(1);
                    return x;
                }, data, MapOptions.builder().chunkSize(data.size()).build()); // one chunk, part-way at the end
            } catch (RuntimeException e) {
                return e;
            }
        });
        assertThat(mapping.await(10, TimeUnit.SECONDS)).isTrue();
        Thread closer = new Thread(loop::close, "closer");
        closer.start();
        Object answer = catchThrowable(() -> outcome.get(10, TimeUnit.SECONDS));
        closer.join(10_000);
        assertThat(answer).as("map answered within 10 s of close()").isNull();
        assertThat(outcome.join()).isInstanceOf(RuntimeException.class);
        assertThat(closer.isAlive()).isFalse();
    }
}
