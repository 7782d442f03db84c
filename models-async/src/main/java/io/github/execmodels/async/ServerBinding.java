package io.github.execmodels.async;

import io.github.execmodels.Fn;
import io.github.execmodels.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens and binds a server's listening socket, and registers it with the loop on the loop's thread. */
final class ServerBinding {

    private static final Logger log = LoggerFactory.getLogger(ServerBinding.class);
    /** The listening socket's backlog: where clients wait while the server is at its connection limit. */
    private static final int BACKLOG = 1024;

    private ServerBinding() {
    }

    static Server bind(EventLoop loop, String host, int port, ServerOptions options,
            Fn<? super TcpStream, ? extends Task<?>> handler) {
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(host, port), BACKLOG);
            Server server = new Server(loop, channel, options, handler);
            if (loop.inEventLoop()) {
                server.register();
            } else {
                loop.callSoonThreadSafe(() -> {
                    try {
                        server.register();
                    } catch (IOException e) {
                        log.warn("could not register server {}", server, e);
                        server.close();
                    }
                });
            }
            return server;
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // failing anyway
                }
            }
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
    }
}
