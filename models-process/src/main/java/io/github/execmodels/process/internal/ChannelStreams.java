package io.github.execmodels.process.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Blocking streams over a socket channel, one for reading and one for writing, usable at the same time from two
 * threads. {@code Channels.newInputStream} and {@code newOutputStream} cannot be used for that: on JDK 17 both
 * hold the channel's blocking lock for the whole of a read or a write, so a reader waiting for the peer blocks
 * the writer. Each call moves at most {@link #MAX_SLICE} bytes, so that the JDK's per-thread temporary direct
 * buffers stay small however large a frame is.
 *
 * <p>Thread safe as the channel is: one reading thread and one writing thread.
 */
final class ChannelStreams {

    private static final int MAX_SLICE = 1 << 20;

    private ChannelStreams() {
    }

    static InputStream in(SocketChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                return channel.read(ByteBuffer.wrap(b, off, Math.min(len, MAX_SLICE)));
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    static OutputStream out(SocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                int end = off + len;
                while (off < end) {
                    ByteBuffer slice = ByteBuffer.wrap(b, off, Math.min(end - off, MAX_SLICE));
                    while (slice.hasRemaining()) {
                        channel.write(slice);
                    }
                    off = slice.position();
                }
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
