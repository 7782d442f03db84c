package io.github.execmodels.async.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.async.Async;
import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.Server;
import io.github.execmodels.async.ServerOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A client asks for a large reply and never reads it: closing its connection is bounded by the linger timeout. */
@Timeout(30)
class NeverReadingClientTest {

    @Test
    void theServerReleasesAClientThatNeverReads() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            ServerOptions options = ServerOptions.builder().lingerTimeout(Duration.ofMillis(500)).build();
            Server server = loop.startServer("127.0.0.1", 0, options, c -> c.readLineUtf8().thenCompose(line -> {
                if ("big".equals(line)) {
                    c.write(new byte[16 << 20]); // the handler ends at once; the reply waits in the buffer
                } else {
                    c.write(line + "\n");
                }
                return Async.completed(null);
            }));
            try (Socket stubborn = new Socket()) {
                stubborn.setReceiveBufferSize(4096);
                stubborn.connect(new InetSocketAddress("127.0.0.1", server.port()));
                stubborn.getOutputStream().write("big\n".getBytes(StandardCharsets.UTF_8));
                assertThat(Clients.await(5_000, () -> server.connections() == 1)).isTrue();

                try (Socket polite = new Socket("127.0.0.1", server.port())) { // served meanwhile
                    polite.setSoTimeout(10_000);
                    OutputStream out = polite.getOutputStream();
                    out.write("hello\n".getBytes(StandardCharsets.UTF_8));
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(polite.getInputStream(), StandardCharsets.UTF_8));
                    assertThat(in.readLine()).isEqualTo("hello");
                }
                assertThat(Clients.await(5_000, () -> server.connections() == 0))
                        .as("the stubborn client released after the 500 ms linger timeout").isTrue();
            } finally {
                server.close(true);
            }
        }
    }
}
