package io.github.execmodels.async.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.async.Async;
import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.Server;
import io.github.execmodels.async.ServerOptions;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** More clients than the limit: the server keeps at most the limit open and serves the rest as others close. */
@Timeout(60)
class MaxConnectionsTest {

    @Test
    void atMostMaxConnectionsAreOpenAndEveryClientIsServed() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            AtomicReference<Server> self = new AtomicReference<>();
            AtomicInteger mostOpen = new AtomicInteger();
            ServerOptions options = ServerOptions.builder().maxConnections(100).build();
            Server server = loop.startServer("127.0.0.1", 0, options, c -> {
                mostOpen.accumulateAndGet(self.get().connections(), Math::max);
                return c.readLine().thenCompose(line -> Async.sleep(Duration.ofMillis(100)).thenApply(v -> {
                    c.write(line);
                    return null;
                }));
            });
            self.set(server);
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    Socket s = new Socket("127.0.0.1", server.port()); // beyond the limit: waits in the backlog
                    s.setSoTimeout(20_000);
                    s.getOutputStream().write(("client " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    clients.add(s);
                }
                for (int i = 0; i < clients.size(); i++) {
                    assertThat(readAll(clients.get(i).getInputStream())).isEqualTo("client " + i + "\n");
                }
                assertThat(mostOpen.get()).isBetween(1, 100);
            } finally {
                for (Socket s : clients) {
                    s.close();
                }
                server.close(true);
            }
        }
    }

    private static String readAll(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
