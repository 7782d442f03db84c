package io.github.execmodels.async.hostile;

import io.github.execmodels.async.Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Plain blocking clients of a test server, and a bounded wait for a condition. */
final class Clients {

    private Clients() {
    }

    static List<SocketChannel> connect(Server server, int count) throws IOException {
        List<SocketChannel> clients = new ArrayList<>(count);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
        for (int i = 0; i < count; i++) {
            clients.add(SocketChannel.open(address));
        }
        return clients;
    }

    static void closeAll(List<SocketChannel> clients) {
        for (SocketChannel c : clients) {
            try {
                c.close();
            } catch (IOException ignored) {
                // cleaning up
            }
        }
    }

    /** Waits up to {@code millis} for {@code condition}; tells whether it held. */
    static boolean await(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
