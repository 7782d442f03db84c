package io.github.execmodels.async;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** A connect in progress; cancelling it closes the socket. */
final class Connector extends AsyncTask<TcpStream> {

    private SocketChannel channel;
    private SelectionKey key;

    Connector(EventLoop loop, InetSocketAddress address) {
        super(loop, true);
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (channel.connect(address)) {
                TcpStream c = new TcpStream(loop, channel);
                c.register();
                completeValue(c);
                return;
            }
            key = channel.register(loop.selector(), SelectionKey.OP_CONNECT, (IoHandler) k -> finish());
            loop.turn.registeredChannels++;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            completeFailure(e);
        }
    }

    private void finish() {
        try {
            if (!channel.finishConnect()) {
                return;
            }
        } catch (IOException e) {
            unregister();
            closeQuietly(channel);
            completeFailure(e);
            return;
        }
        try {
            TcpStream c = new TcpStream(loop, channel);
            c.adopt(key);
            key = null;
            completeValue(c);
        } catch (IOException e) {
            unregister();
            closeQuietly(channel);
            completeFailure(e);
        }
    }

    private void unregister() {
        if (key != null) {
            key.cancel();
            key = null;
            loop.turn.registeredChannels--;
        }
    }

    @Override
    void doCancel() {
        unregister();
        closeQuietly(channel);
        completeCancelled();
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
