package io.github.execmodels.examples.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.Server;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The await-style examples: the same outcomes as their callback-style twins (Java 21+); a clear error on 17. The
 * HTTP server's are in {@link HelloHttpServerTest}.
 */
@Timeout(60)
class AwaitExamplesTest {

    private static boolean java21() {
        return Runtime.version().feature() >= 21;
    }

    @Test
    void onJava17TheDemoSaysItNeedsJava21() {
        Assumptions.assumeFalse(java21());
        assertThatThrownBy(() -> AwaitAsyncioDemo.timings(Duration.ofMillis(1)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("Java 21");
    }

    @Test
    void sequentialSleepsAddUpAndTheOthersWaitAtLeastOneSleep() {
        Assumptions.assumeTrue(java21());
        Duration sleep = Duration.ofMillis(20);
        List<Duration> t = AwaitAsyncioDemo.timings(sleep);
        assertThat(t).hasSize(3);
        // lower bounds only: a sleep never ends early; upper bounds would test the machine's speed
        assertThat(t.get(0)).isGreaterThanOrEqualTo(sleep.multipliedBy(3));
        assertThat(t.get(1)).isGreaterThanOrEqualTo(sleep);
        assertThat(t.get(2)).isGreaterThanOrEqualTo(sleep);
    }

    @Test
    void theAwaitClientGetsEveryLineBackFromBothServers() {
        Assumptions.assumeTrue(java21());
        List<String> lines = List.of("hello", "event loop", "ünïcödé");
        try (EventLoop loop = EventLoop.builder().build()) {
            Server awaitServer = AwaitEchoServer.start(loop, 0);
            Server callbackServer = EchoServer.start(loop, 0);
            try {
                assertThat(AwaitEchoClient.echo(awaitServer.port(), lines)).containsExactlyElementsOf(lines);
                assertThat(AwaitEchoClient.echo(callbackServer.port(), lines)).containsExactlyElementsOf(lines);
                assertThat(EchoClient.echo(awaitServer.port(), lines)).containsExactlyElementsOf(lines);
            } finally {
                awaitServer.close(true);
                callbackServer.close(true);
            }
        }
    }
}
