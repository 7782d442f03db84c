package io.github.execmodels.async.hostile;

import io.github.execmodels.async.Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Plain blocking clients of a test server, and a bounded wait for a condition. */
final class Clients {

    private Clients() {
    }

    /**
     * Skips the test unless this process may open {@code descriptors} more files (both ends of each connection);
     * reads the limit where Linux tells it, and assumes enough elsewhere.
     */
    static void assumeDescriptors(long descriptors) throws IOException {
        Path limits = Path.of("/proc/self/limits");
        Path open = Path.of("/proc/self/fd");
        if (!Files.isReadable(limits) || !Files.isDirectory(open)) {
            return;
        }
        for (String line : Files.readAllLines(limits)) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                if (soft.equals("unlimited")) {
                    return;
                }
                long free;
                try (Stream<Path> fds = Files.list(open)) {
                    free = Long.parseLong(soft) - fds.count();
                }
                Assumptions.assumeTrue(free > descriptors,
                        "needs " + descriptors + " free file descriptors, has " + free);
            }
        }
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
