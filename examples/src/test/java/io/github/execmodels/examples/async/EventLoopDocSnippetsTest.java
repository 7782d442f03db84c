package io.github.execmodels.examples.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Models;
import io.github.execmodels.async.Async;
import io.github.execmodels.async.EventLoop;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The snippets of docs/event-loop.md, compiled and run. */
@Timeout(60)
class EventLoopDocSnippetsTest {

    @Test
    void theOneLiner() {
        try (ExecutionModel loop = Models.eventLoop()) {
            List<Long> result = loop.map(x -> x * 2L, List.of(1, 2, 3));
            assertThat(result).containsExactly(2L, 4L, 6L);
        }
    }

    @Test
    void gatheredSleeps() {
        List<Void> done = EventLoop.run(() -> Async.gather(Async.sleep(0.01), Async.sleep(0.01), Async.sleep(0.01)));
        assertThat(done).hasSize(3);
    }

    @Test
    void awaitBecomesThenCompose() {
        String r = EventLoop.run(() -> Async.sleep(Duration.ofMillis(1)).thenApply(v -> "done"));
        assertThat(r).isEqualTo("done");
    }
}
