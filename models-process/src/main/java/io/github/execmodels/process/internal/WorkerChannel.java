package io.github.execmodels.process.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The parent's end of the private protocol channel to one worker: a Unix-domain socket in the pool's owner-only
 * {@link ChannelDirectory}. The parent listens before it starts the worker; the worker connects to the path it
 * is given; the first connection is the worker's, after which the socket file is removed, so that nobody else can
 * connect. The worker's standard output and error are then plain output, never part of the protocol.
 *
 * <p>Thread safe: {@link #close()} may be called from any thread and ends a blocked accept, read or write.
 */
final class WorkerChannel implements AutoCloseable {

    private final Path address;
    private final ServerSocketChannel server;
    private volatile SocketChannel connection;
    private volatile boolean closed;

    private WorkerChannel(Path address, ServerSocketChannel server) {
        this.address = address;
        this.server = server;
    }

    /** Listens on a new socket named {@code name} in {@code directory}. */
    static WorkerChannel listen(Path directory, String name) throws IOException {
        Path address = directory.resolve(name);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(address), 1);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return new WorkerChannel(address, server);
    }

    /** The path the worker connects to. */
    Path address() {
        return address;
    }

    /**
     * Waits for the worker to connect, then stops listening.
     *
     * @throws IOException if the channel was closed meanwhile (the worker died before it connected)
     */
    void accept() throws IOException {
        try {
            SocketChannel accepted = server.accept();
            connection = accepted;
            if (closed) {
                accepted.close();
                throw new IOException("closed");
            }
        } finally {
            server.close();
            Files.deleteIfExists(address);
        }
    }

    /** Whether the worker has connected. */
    boolean isConnected() {
        return connection != null;
    }

    InputStream in() {
        return ChannelStreams.in(connection);
    }

    OutputStream out() {
        return ChannelStreams.out(connection);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
            SocketChannel c = connection;
            if (c != null) {
                c.close();
            }
            Files.deleteIfExists(address);
        } catch (IOException e) {
            // closing: nothing more to do
        }
    }
}
