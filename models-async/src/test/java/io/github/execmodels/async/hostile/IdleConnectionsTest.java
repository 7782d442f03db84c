package io.github.execmodels.async.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.Server;
import io.github.execmodels.async.ServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Clients that connect and say nothing: each costs the server little, and the idle timeout closes them. */
@Timeout(60)
class IdleConnectionsTest {

    private static final int CLIENTS = 2_000;
    /**
     * Bound on the heap per idle connection, both ends counted (the clients live in this JVM too); a read buffer
     * allocated up front made it 64 KiB and more.
     */
    private static final long BYTES_PER_CONNECTION = 8 * 1024;

    @BeforeEach
    void enoughDescriptors() throws Exception {
        Clients.assumeDescriptors(2L * CLIENTS + 100);
    }

    @Test
    void twoThousandIdleConnectionsHoldLittleHeap() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            Server server = loop.startServer("127.0.0.1", 0, c -> c.readLine());
            warmUp(server);
            long before = RetainedHeap.bytes();
            List<SocketChannel> clients = Clients.connect(server, CLIENTS);
            try {
                assertThat(Clients.await(20_000, () -> server.connections() == CLIENTS)).isTrue();
                long perConnection = (RetainedHeap.bytes() - before) / CLIENTS;
                assertThat(perConnection).as("heap bytes per idle connection").isLessThan(BYTES_PER_CONNECTION);
            } finally {
                Clients.closeAll(clients);
                server.close(true);
            }
        }
    }

    @Test
    void theIdleTimeoutClosesThemAll() throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            ServerOptions options = ServerOptions.builder().idleTimeout(Duration.ofSeconds(1)).build();
            Server server = loop.startServer("127.0.0.1", 0, options, c -> c.readLine());
            List<SocketChannel> clients = Clients.connect(server, CLIENTS);
            try {
                // counted from the clients' side: on a slow machine the first ones are closed for idleness before the
                // last ones are accepted, so the server's count need never reach CLIENTS
                for (SocketChannel c : clients) {
                    c.configureBlocking(false);
                }
                Set<SocketChannel> open = new HashSet<>(clients);
                ByteBuffer one = ByteBuffer.allocate(1);
                assertThat(Clients.await(30_000, () -> {
                    open.removeIf(c -> readsEndOfStream(c, one));
                    return open.isEmpty();
                })).as("every client sees end of stream, closed by the server for idleness").isTrue();
                assertThat(Clients.await(5_000, () -> server.connections() == 0)).isTrue();
            } finally {
                Clients.closeAll(clients);
                server.close(true);
            }
        }
    }

    /** One connection first, so that what the loop allocates once is not counted per connection. */
    private static void warmUp(Server server) throws Exception {
        List<SocketChannel> one = Clients.connect(server, 1);
        assertThat(Clients.await(5_000, () -> server.connections() == 1)).isTrue();
        one.get(0).write(ByteBuffer.wrap("hello\n".getBytes()));
        Clients.closeAll(one);
        assertThat(Clients.await(5_000, () -> server.connections() == 0)).isTrue();
    }

    private static boolean readsEndOfStream(SocketChannel client, ByteBuffer buffer) {
        try {
            buffer.clear();
            return client.read(buffer) == -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
