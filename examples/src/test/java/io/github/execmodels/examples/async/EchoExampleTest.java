package io.github.execmodels.examples.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.Server;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EchoExampleTest {

    @Test
    void theClientGetsEveryLineBack() {
        try (EventLoop loop = EventLoop.builder().build()) {
            Server server = EchoServer.start(loop, 0);
            try {
                assertThat(EchoClient.echo(server.port(), List.of("hello", "event loop", "ünïcödé")))
                        .containsExactly("hello", "event loop", "ünïcödé");
            } finally {
                server.close(true);
            }
        }
    }
}
