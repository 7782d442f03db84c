package io.github.execmodels.async;

import static io.github.execmodels.internal.Checks.requireNonNegative;
import static io.github.execmodels.internal.Checks.requirePositive;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * A TCP connection of an {@link EventLoop}: asyncio's {@code StreamReader} and {@code StreamWriter} in one object,
 * made by {@link Async#openConnection(String, int)} or handed to the handler of
 * {@link EventLoop#startServer(String, int, io.github.execmodels.Fn)}.
 *
 * <p>Reading: the loop reads whatever the peer sends into a buffer of {@link #readLimit()} bytes (64 KiB), and
 * stops reading while that buffer is full, so a fast peer cannot make it grow. {@link #read(int)},
 * {@link #readExactly(int)}, {@link #readLine()} and {@link #readUntil(byte[])} take their bytes from the buffer
 * when their whole answer is there, never before; so a read that is cancelled (or timed out with
 * {@link Async#waitFor(io.github.execmodels.Task, java.time.Duration)}) consumes nothing and the connection stays
 * usable. One read may wait at a time.
 *
 * <p>Writing: {@link #write(byte[])} sends at once what the socket takes and buffers the rest; {@link #drain()}
 * waits until the buffered bytes fall to the high-water mark (64 KiB by default), which is how a writer respects
 * a slow reader. {@link #shutdownOutput()} half-closes after the buffered bytes are sent; {@link #close()} closes
 * after them; {@link #abort()} closes at once.
 *
 * <p>Failures: a peer that closes gives end-of-stream (an empty {@code read}, an {@link EOFException} from
 * {@code readExactly}); a reset or another socket error fails the waiting read or drain, and every later one, with
 * the {@link IOException}. A closed or idle connection costs no CPU: the loop only watches for what is awaited.
 *
 * <p>Thread safety: confined to the loop's thread; every method throws {@link IllegalStateException} elsewhere,
 * except {@link #remoteAddress()}, {@link #localAddress()} and {@link #isOpen()}.
 *
 * @since 0.1
 */
public final class TcpStream {

    private static final int READ_LIMIT = 64 * 1024;
    private static final int DEFAULT_HIGH_WATER = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private static final int SOME = 0;
    private static final int EXACTLY = 1;
    private static final int UNTIL = 2;
    private static final int LINE = 3;

    private final EventLoop loop;
    private final SocketChannel channel;
    private final SocketAddress remote;
    private final SocketAddress local;
    private SelectionKey key;
    private final byte[] in = new byte[READ_LIMIT];
    private int start;
    private int end;
    private boolean eof;
    private IOException error;
    private boolean closed;
    private boolean outputShut;
    private boolean shutdownPending;
    private boolean closePending;
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private long pendingBytes;
    private int highWater = DEFAULT_HIGH_WATER;
    private final ArrayDeque<Waiter<?>> drainers = new ArrayDeque<>();
    private ReadTask pendingRead;
    private AsyncTask<Void> closedTask;
    private Runnable onClose;

    TcpStream(EventLoop loop, SocketChannel channel) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.remote = channel.getRemoteAddress();
        this.local = channel.getLocalAddress();
    }

    /** Registers with the loop's selector; on the loop thread. */
    void register() throws ClosedChannelException {
        key = channel.register(loop.selector(), SelectionKey.OP_READ, (IoHandler) this::onReady);
        loop.registeredChannels++;
    }

    /** Takes over the key of a connect that completed (already counted as registered). */
    void adopt(SelectionKey connectKey) {
        key = connectKey;
        key.attach((IoHandler) this::onReady);
        key.interestOps(SelectionKey.OP_READ);
    }

    void onClose(Runnable action) {
        this.onClose = action;
    }

    // ---- readiness

    private void onReady(SelectionKey k) {
        if (!k.isValid()) {
            return;
        }
        int ready = k.readyOps();
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if ((ready & SelectionKey.OP_READ) != 0 && !closed) {
            fill();
        }
    }

    private void fill() {
        if (end == in.length && start > 0) {
            compact();
        }
        int n;
        ByteBuffer direct = loop.ioBuffer();
        direct.clear().limit(in.length - end);
        try {
            n = channel.read(direct);
        } catch (IOException e) {
            failed(e);
            return;
        }
        if (n > 0) {
            direct.flip().get(in, end, n);
        }
        if (n < 0) {
            eof = true;
            updateInterest();
        } else {
            end += n;
            if (end == in.length) {
                updateInterest(); // full: stop reading until a read takes some
            }
        }
        satisfy();
    }

    private void compact() {
        System.arraycopy(in, start, in, 0, end - start);
        end -= start;
        start = 0;
    }

    private void updateInterest() {
        if (key == null || !key.isValid()) {
            return;
        }
        int ops = 0;
        boolean roomToRead = end < in.length || start > 0;
        if (!eof && error == null && !closed && roomToRead) {
            ops |= SelectionKey.OP_READ;
        }
        if (!out.isEmpty()) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    private void failed(IOException e) {
        if (error == null) {
            error = e;
        }
        out.clear();
        pendingBytes = 0;
        satisfy();
        wakeDrainers();
        closeNow();
    }

    // ---- reads

    /**
     * Returns a task that completes with up to {@code max} bytes, as soon as at least one is there; with an empty
     * array at end of stream.
     *
     * @param max the most bytes to return
     * @return the task
     * @throws IllegalArgumentException if {@code max < 1}
     * @throws IllegalStateException if another read is waiting, or if not called on the loop's thread
     * @since 0.1
     */
    public AsyncTask<byte[]> read(int max) {
        return startRead(SOME, requirePositive(max, "max"), null);
    }

    /**
     * Returns a task that completes with exactly {@code n} bytes; it fails with {@link EOFException} if the stream
     * ends first (the partial bytes are consumed).
     *
     * @param n how many bytes, at most {@link #readLimit()}
     * @return the task
     * @throws IllegalArgumentException if {@code n} is negative or over the read limit
     * @throws IllegalStateException if another read is waiting, or if not called on the loop's thread
     * @since 0.1
     */
    public AsyncTask<byte[]> readExactly(int n) {
        if (n < 0 || n > READ_LIMIT) {
            throw new IllegalArgumentException("n: " + n + " (expected: 0.." + READ_LIMIT + ")");
        }
        return startRead(EXACTLY, n, null);
    }

    /**
     * Returns a task that completes with the bytes up to and including {@code delimiter}; it fails with
     * {@link EOFException} if the stream ends first, and with an {@link IOException} if the delimiter is not within
     * {@link #readLimit()} bytes (those bytes stay in the buffer).
     *
     * @param delimiter the bytes that end the read, not empty
     * @return the task
     * @throws IllegalArgumentException if {@code delimiter} is empty
     * @throws IllegalStateException if another read is waiting, or if not called on the loop's thread
     * @throws NullPointerException if {@code delimiter} is {@code null}
     * @since 0.1
     */
    public AsyncTask<byte[]> readUntil(byte[] delimiter) {
        Objects.requireNonNull(delimiter, "delimiter");
        if (delimiter.length == 0) {
            throw new IllegalArgumentException("delimiter: empty (expected: at least one byte)");
        }
        return startRead(UNTIL, 0, delimiter.clone());
    }

    /**
     * Returns a task that completes with the next line, its {@code '\n'} included; at end of stream with what is
     * left (empty once everything was read), like asyncio's {@code readline}.
     *
     * @return the task of the line's bytes
     * @throws IllegalStateException if another read is waiting, or if not called on the loop's thread
     * @since 0.1
     */
    public AsyncTask<byte[]> readLine() {
        return startRead(LINE, 0, new byte[] {'\n'});
    }

    /**
     * Returns a task that completes with the next line decoded as UTF-8, without its line ending
     * ({@code "\n"} or {@code "\r\n"}); {@code null} at end of stream.
     *
     * @return the task of the line
     * @throws IllegalStateException if another read is waiting, or if not called on the loop's thread
     * @since 0.1
     */
    public AsyncTask<String> readLineUtf8() {
        return readLine().thenApply(bytes -> {
            if (bytes.length == 0) {
                return null;
            }
            int n = bytes.length;
            if (bytes[n - 1] == '\n') {
                n--;
                if (n > 0 && bytes[n - 1] == '\r') {
                    n--;
                }
            }
            return new String(bytes, 0, n, StandardCharsets.UTF_8);
        });
    }

    private AsyncTask<byte[]> startRead(int mode, int n, byte[] delimiter) {
        loop.checkInEventLoop("TcpStream read");
        if (pendingRead != null) {
            throw new IllegalStateException("another read is already waiting on this connection");
        }
        ReadTask task = new ReadTask(loop, mode, n, delimiter);
        pendingRead = task;
        satisfy();
        if (pendingRead == task) {
            updateInterest();
        }
        return task;
    }

    /** A waiting read; cancelling it takes nothing from the buffer. */
    private final class ReadTask extends AsyncTask<byte[]> {
        final int mode;
        final int n;
        final byte[] delimiter;
        int scanned;

        ReadTask(EventLoop loop, int mode, int n, byte[] delimiter) {
            super(loop, true);
            this.mode = mode;
            this.n = n;
            this.delimiter = delimiter;
        }

        @Override
        void doCancel() {
            if (pendingRead == this) {
                pendingRead = null;
            }
            completeCancelled();
        }
    }

    private void satisfy() {
        ReadTask r = pendingRead;
        if (r == null) {
            return;
        }
        int available = end - start;
        switch (r.mode) {
            case SOME:
                if (available > 0) {
                    deliver(r, Math.min(r.n, available));
                } else if (error != null) {
                    fail(r, error);
                } else if (eof || closed) {
                    deliver(r, 0);
                }
                return;
            case EXACTLY:
                if (available >= r.n) {
                    deliver(r, r.n);
                } else if (error != null) {
                    fail(r, error);
                } else if (eof || closed) {
                    start = end;
                    fail(r, new EOFException("end of stream after " + available + " of " + r.n + " bytes"));
                }
                return;
            default:
                int found = indexOf(r.delimiter, r.scanned);
                if (found >= 0) {
                    deliver(r, found - start + r.delimiter.length);
                    return;
                }
                r.scanned = Math.max(start, end - r.delimiter.length + 1);
                if (error != null) {
                    fail(r, error);
                } else if (eof || closed) {
                    if (r.mode == LINE) {
                        deliver(r, available);
                    } else {
                        start = end;
                        fail(r, new EOFException("end of stream after " + available
                                + " bytes without the delimiter"));
                    }
                } else if (available == in.length) {
                    fail(r, new IOException("no delimiter within the read limit of " + in.length + " bytes"));
                } else if (end == in.length) {
                    int shift = start;
                    compact();
                    r.scanned -= shift;
                    updateInterest();
                }
        }
    }

    private int indexOf(byte[] delimiter, int from) {
        int last = end - delimiter.length;
        outer:
        for (int i = Math.max(from, start); i <= last; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (in[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void deliver(ReadTask r, int count) {
        byte[] bytes = count == 0 ? EMPTY : Arrays.copyOfRange(in, start, start + count);
        start += count;
        if (start == end) {
            start = 0;
            end = 0;
        }
        pendingRead = null;
        r.completeValue(bytes);
        if (key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_READ) == 0) {
            updateInterest();
        }
    }

    private void fail(ReadTask r, IOException e) {
        pendingRead = null;
        r.completeFailure(e);
    }

    /**
     * Returns how many bytes the read buffer holds at most.
     *
     * @return the limit, 64 KiB
     * @since 0.1
     */
    public int readLimit() {
        return in.length;
    }

    /**
     * Tells whether the peer ended its stream and every byte of it was read.
     *
     * @return {@code true} at end of stream
     * @since 0.1
     */
    public boolean atEof() {
        return eof && start == end;
    }

    // ---- writes

    /**
     * Sends {@code data}: what the socket takes now goes at once, the rest is buffered and sent as the peer reads.
     * Call {@link #drain()} after writing to respect a slow peer.
     *
     * @param data the bytes; copied if they must be buffered
     * @throws IllegalStateException if the output was shut down or the connection closed, or if not called on
     *     the loop's thread
     * @throws NullPointerException if {@code data} is {@code null}
     * @since 0.1
     */
    public void write(byte[] data) {
        Objects.requireNonNull(data, "data");
        loop.checkInEventLoop("TcpStream write");
        if (closed || closePending || outputShut || shutdownPending) {
            if (error != null) {
                return; // like asyncio: writes after a failure are dropped; drain() reports the error
            }
            throw new IllegalStateException("write after the connection's output was closed");
        }
        if (data.length == 0) {
            return;
        }
        if (out.isEmpty()) {
            int written;
            try {
                if (data.length <= EventLoop.IO_BUFFER_SIZE) {
                    ByteBuffer direct = loop.ioBuffer();
                    direct.clear();
                    direct.put(data).flip();
                    written = channel.write(direct);
                } else {
                    written = channel.write(ByteBuffer.wrap(data));
                }
            } catch (IOException e) {
                failed(e);
                return;
            }
            if (written == data.length) {
                return;
            }
            out.add(ByteBuffer.wrap(Arrays.copyOfRange(data, written, data.length)));
            pendingBytes += data.length - written;
            updateInterest();
        } else {
            out.add(ByteBuffer.wrap(data.clone()));
            pendingBytes += data.length;
        }
    }

    /**
     * Sends {@code text} encoded as UTF-8; see {@link #write(byte[])}.
     *
     * @param text the text
     * @throws IllegalStateException if the output was shut down or the connection closed, or if not called on
     *     the loop's thread
     * @throws NullPointerException if {@code text} is {@code null}
     * @since 0.1
     */
    public void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    private void flush() {
        try {
            while (!out.isEmpty()) {
                ByteBuffer[] buffers = out.toArray(new ByteBuffer[0]);
                long n = channel.write(buffers);
                pendingBytes -= n;
                while (!out.isEmpty() && !out.peek().hasRemaining()) {
                    out.poll();
                }
                if (n == 0) {
                    break;
                }
            }
        } catch (IOException e) {
            failed(e);
            return;
        }
        if (out.isEmpty()) {
            if (shutdownPending) {
                shutdownPending = false;
                shutOutputNow();
            }
            if (closePending) {
                closeNow();
                return;
            }
        }
        updateInterest();
        wakeDrainers();
    }

    private void wakeDrainers() {
        if (pendingBytes > highWater && error == null && !closed) {
            return;
        }
        Waiter<?> w;
        while ((w = drainers.poll()) != null) {
            if (error != null) {
                w.completeFailure(error);
            } else if (closed && pendingBytes > 0) {
                w.completeFailure(new ClosedChannelException());
            } else {
                w.completeValue(null);
            }
        }
    }

    /**
     * Returns a task that completes once the buffered output is at most the high-water mark (at once if it is);
     * it fails with the connection's error if the connection failed.
     *
     * @return the task
     * @throws IllegalStateException if not called on the loop's thread
     * @since 0.1
     */
    public AsyncTask<Void> drain() {
        loop.checkInEventLoop("TcpStream drain");
        if (error != null) {
            AsyncTask<Void> t = new AsyncTask<>(loop, true);
            t.completeFailure(error);
            return t;
        }
        if (pendingBytes <= highWater || closed) {
            AsyncTask<Void> t = new AsyncTask<>(loop, true);
            t.completeValue(null);
            return t;
        }
        return new Waiter<>(loop, drainers, null);
    }

    /**
     * Sets the high-water mark of {@link #drain()}.
     *
     * @param bytes the mark; 0 makes {@code drain} wait until everything was sent
     * @throws IllegalArgumentException if {@code bytes < 0}
     * @throws IllegalStateException if not called on the loop's thread
     * @since 0.1
     */
    public void highWaterMark(int bytes) {
        loop.checkInEventLoop("TcpStream highWaterMark");
        highWater = requireNonNegative(bytes, "bytes");
    }

    /**
     * Returns how many written bytes wait to be sent.
     *
     * @return the count
     * @since 0.1
     */
    public long bufferedBytes() {
        return pendingBytes;
    }

    // ---- closing

    /**
     * Half-closes: once the buffered bytes are sent, the peer sees end of stream; this side can still read.
     *
     * @throws IllegalStateException if not called on the loop's thread
     * @since 0.1
     */
    public void shutdownOutput() {
        loop.checkInEventLoop("TcpStream shutdownOutput");
        if (closed || outputShut) {
            return;
        }
        if (out.isEmpty()) {
            shutOutputNow();
        } else {
            shutdownPending = true;
        }
    }

    private void shutOutputNow() {
        outputShut = true;
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            failed(e);
        }
    }

    /**
     * Closes the connection once the buffered bytes are sent (asyncio's {@code writer.close()}); a waiting read
     * completes with end of stream.
     *
     * @return a task that completes when the socket is closed
     * @throws IllegalStateException if not called on the loop's thread
     * @since 0.1
     */
    public AsyncTask<Void> close() {
        loop.checkInEventLoop("TcpStream close");
        if (closedTask == null) {
            closedTask = new AsyncTask<>(loop, true);
        }
        if (closed) {
            closedTask.completeValue(null);
        } else if (out.isEmpty()) {
            closeNow();
        } else {
            closePending = true;
        }
        return closedTask;
    }

    /**
     * Closes the connection at once, dropping buffered output.
     *
     * @throws IllegalStateException if not called on the loop's thread
     * @since 0.1
     */
    public void abort() {
        loop.checkInEventLoop("TcpStream abort");
        closeNow();
    }

    void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
            loop.registeredChannels--;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        ReadTask r = pendingRead;
        if (r != null && error == null) {
            pendingRead = null;
            if (r.mode == SOME || r.mode == LINE) {
                satisfyClosed(r);
            } else {
                r.completeFailure(new AsynchronousCloseException());
            }
        } else {
            satisfy();
        }
        wakeDrainers();
        if (closedTask != null) {
            closedTask.completeValue(null);
        }
        Runnable c = onClose;
        onClose = null;
        if (c != null) {
            c.run();
        }
    }

    private void satisfyClosed(ReadTask r) {
        pendingRead = r;
        satisfy();
    }

    /**
     * Tells whether the connection is open.
     *
     * @return {@code false} once closed (by either side's error or by this side)
     * @since 0.1
     */
    public boolean isOpen() {
        return !closed && channel.isOpen();
    }

    /**
     * Returns the peer's address.
     *
     * @return the remote address
     * @since 0.1
     */
    public SocketAddress remoteAddress() {
        return remote;
    }

    /**
     * Returns this side's address.
     *
     * @return the local address
     * @since 0.1
     */
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public String toString() {
        return "TcpStream[" + local + " -> " + remote + (closed ? ", closed]" : "]");
    }
}
