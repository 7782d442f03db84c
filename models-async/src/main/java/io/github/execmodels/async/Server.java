package io.github.execmodels.async;

import io.github.execmodels.Fn;
import io.github.execmodels.Task;
import io.github.execmodels.internal.Timeouts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server on an {@link EventLoop}, made by {@link EventLoop#startServer(String, int, Fn)}: it accepts
 * connections and runs the handler for each as a task of the loop; the connection is closed when the handler's
 * task is done.
 *
 * <p>It stays bounded under abuse, as its {@link ServerOptions} say: at most
 * {@link ServerOptions#maxConnections()} connections are open (beyond, clients wait in the backlog until one
 * closes); a connection idle for {@link ServerOptions#idleTimeout()} is closed; closing a connection whose peer
 * does not read is aborted after {@link ServerOptions#lingerTimeout()}. When {@code accept} fails (out of file
 * descriptors, most often) the server stops accepting for a while (50 ms, doubling up to 1 s) instead of retrying
 * on every turn, and logs once per episode.
 *
 * <p>Thread safety: {@link #close()}, {@link #close(boolean)}, {@link #port()} and {@link #localAddress()} may be
 * called from any thread; {@link #connections()} reads a count that the loop thread keeps.
 *
 * @since 0.1
 */
public final class Server {

    private static final Logger log = LoggerFactory.getLogger(Server.class);
    /** How long the server stops accepting after a failed accept, at first and at most (doubling between). */
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EventLoop loop;
    private final ServerSocketChannel channel;
    private final Fn<? super TcpStream, ? extends Task<?>> handler;
    private final InetSocketAddress address;
    private final int maxConnections;
    private final long idleNanos;
    private final long lingerNanos;
    private final Set<TcpStream> live = new LinkedHashSet<>(); // loop thread only
    private volatile int liveCount;
    private volatile boolean closed;
    private SelectionKey key;
    // an episode of failing accepts (out of file descriptors, most often); loop thread only
    private long backoffNanos;
    private long failedAccepts;
    private TimerHandle resume;

    Server(EventLoop loop, ServerSocketChannel channel, ServerOptions options,
            Fn<? super TcpStream, ? extends Task<?>> handler) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.handler = handler;
        this.maxConnections = options.maxConnections();
        this.idleNanos = Timeouts.clampedNanos(options.idleTimeout());
        this.lingerNanos = Timeouts.clampedNanos(options.lingerTimeout());
        this.address = (InetSocketAddress) channel.getLocalAddress();
    }

    void register() throws IOException {
        if (closed) {
            return;
        }
        key = channel.register(loop.selector(), SelectionKey.OP_ACCEPT, (IoHandler) k -> accept());
        loop.turn.registeredChannels++;
    }

    private void accept() {
        for (int i = 0; i < 64 && !closed && live.size() < maxConnections; i++) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (IOException e) {
                acceptFailed(e);
                return;
            }
            if (client == null) {
                return;
            }
            acceptSucceeded();
            TcpStream connection;
            try {
                client.configureBlocking(false);
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                connection = new TcpStream(loop, client);
                connection.register();
            } catch (IOException e) {
                log.debug("could not set up an accepted connection", e);
                try {
                    client.close();
                } catch (IOException ignored) {
                    // already failing
                }
                continue;
            }
            serve(connection);
        }
        updateInterest();
    }

    private void serve(TcpStream connection) {
        connection.lingerTimeout(lingerNanos);
        connection.closeWhenIdle(idleNanos);
        live.add(connection);
        liveCount = live.size();
        connection.onClose(() -> {
            live.remove(connection);
            liveCount = live.size();
            updateInterest();
        });
        AsyncTask<?> task = loop.spawn(() -> handler.apply(connection));
        task.andFinally(() -> {
            if (task.status() == Task.Status.FAILED) {
                log.debug("connection handler for {} failed", connection.remoteAddress(), task.exceptionNow());
            }
            connection.close();
        }).recover(e -> null); // the failure was logged above: it is retrieved, not left for the GC log
    }

    /** Accepts while under the limit and not backing off; else leaves the waiting clients in the backlog. */
    private void updateInterest() {
        if (key == null || !key.isValid()) {
            return;
        }
        int ops = !closed && resume == null && live.size() < maxConnections ? SelectionKey.OP_ACCEPT : 0;
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** Stops accepting for a while: the listening socket stays readable, so retrying at once would spin. */
    private void acceptFailed(IOException e) {
        if (failedAccepts++ == 0) {
            log.warn("accept failed on {}: {}; pausing accepts (logged once until an accept succeeds)", address,
                    e.toString());
            backoffNanos = FIRST_BACKOFF_NANOS;
        } else {
            log.debug("accept failed again on {}", address, e);
            backoffNanos = Math.min(MAX_BACKOFF_NANOS, backoffNanos * 2);
        }
        resume = loop.scheduleTimer(loop.nanoTime() + backoffNanos, () -> {
            resume = null;
            updateInterest();
        });
        updateInterest();
    }

    private void acceptSucceeded() {
        if (failedAccepts > 0) {
            log.warn("accepting again on {} after {} failed accepts", address, failedAccepts);
            failedAccepts = 0;
        }
    }

    /**
     * Returns the address the server listens on.
     *
     * @return the bound address
     * @since 0.1
     */
    public InetSocketAddress localAddress() {
        return address;
    }

    /**
     * Returns the port the server listens on (useful after binding port 0).
     *
     * @return the port
     * @since 0.1
     */
    public int port() {
        return address.getPort();
    }

    /**
     * Returns how many accepted connections are open.
     *
     * @return the count
     * @since 0.1
     */
    public int connections() {
        return liveCount;
    }

    /**
     * Tells whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     * @since 0.1
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops accepting; the open connections go on.
     *
     * @since 0.1
     */
    public void close() {
        close(false);
    }

    /**
     * Stops accepting and, if asked, closes every open connection at once (their handlers' reads see end of
     * stream or fail, their writes fail).
     *
     * @param closeConnections whether to close the open connections too
     * @since 0.1
     */
    public void close(boolean closeConnections) {
        if (loop.inEventLoop()) {
            closeOnLoop(closeConnections);
            return;
        }
        closed = true;
        try {
            loop.callSoonThreadSafe(() -> closeOnLoop(closeConnections));
        } catch (RejectedExecutionException gone) {
            closeChannel(); // the loop closed its channels already
        }
    }

    private void closeOnLoop(boolean closeConnections) {
        closed = true;
        if (key != null && key.isValid()) {
            key.cancel();
            loop.turn.registeredChannels--;
        }
        key = null;
        if (resume != null) {
            resume.cancelOnLoop();
            resume = null;
        }
        closeChannel();
        if (closeConnections) {
            for (TcpStream c : new ArrayList<>(live)) {
                c.closeNow();
            }
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing server channel", e);
        }
    }

    @Override
    public String toString() {
        return "Server[" + address + (closed ? ", closed]" : "]");
    }
}
