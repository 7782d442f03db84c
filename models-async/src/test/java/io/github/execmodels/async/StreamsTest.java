package io.github.execmodels.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.Task;
import io.github.execmodels.TaskTimeoutException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TCP streams on 127.0.0.1: echo, back-pressure, resets, timeouts, closing. */
@Timeout(60)
class StreamsTest {

    private static final String HOST = "127.0.0.1";
    private EventLoop loop;
    /** How often the loop read its clock: a few times a turn, so a bound on it bounds the turns. */
    private final AtomicLong clockReads = new AtomicLong();

    @BeforeEach
    void open() {
        loop = EventLoop.builder().ticker(() -> {
            clockReads.incrementAndGet();
            return System.nanoTime();
        }).build();
    }

    @AfterEach
    void close() {
        loop.close();
    }

    /** Echoes fixed-size messages until the peer closes. */
    static Task<Void> echo(TcpStream c, int size) {
        return c.readExactly(size).thenCompose(data -> {
            c.write(data);
            return c.drain();
        }).thenCompose(v -> echo(c, size)).recover(e -> {
            if (e instanceof EOFException) {
                return null;
            }
            throw (Exception) e;
        });
    }

    static AsyncTask<Integer> roundTrips(TcpStream c, byte[] msg, int left, int done) {
        if (left == 0) {
            return Async.completed(done);
        }
        c.write(msg);
        return c.drain().thenCompose(v -> c.readExactly(msg.length)).thenCompose(back -> {
            if (!Arrays.equals(back, msg)) {
                throw new AssertionError("echo changed the message");
            }
            return roundTrips(c, msg, left - 1, done + 1);
        });
    }

    @Test
    void echoWithManyConcurrentConnections() {
        Server server = loop.startServer(HOST, 0, c -> echo(c, 16));
        int connections = 50;
        int rounds = 40;
        List<Integer> counts = loop.runUntilComplete(() -> {
            List<Task<Integer>> clients = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                byte[] msg = String.format("client %05d ...", i).getBytes(StandardCharsets.US_ASCII);
                clients.add(Async.openConnection(HOST, server.port()).thenCompose(c -> {
                    assertThat(c.remoteAddress()).isEqualTo(new InetSocketAddress(HOST, server.port()));
                    assertThat(((InetSocketAddress) c.localAddress()).getAddress().getHostAddress()).isEqualTo(HOST);
                    return roundTrips(c, msg, rounds, 0).andFinally(c::close);
                }));
            }
            return Async.gather(clients);
        });
        assertThat(counts).hasSize(connections).allMatch(n -> n == rounds);
        server.close();
    }

    @Test
    void aSlowReaderKeepsTheWritersBufferBounded() throws Exception {
        int chunk = 8 * 1024;
        int chunks = 4096; // 32 MiB in all: more than the kernel's socket buffers hold
        AtomicLong mostBuffered = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean writerWaited = new java.util.concurrent.atomic.AtomicBoolean();
        Server server = loop.startServer(HOST, 0, c -> {
            c.highWaterMark(32 * 1024);
            return writeMany(c, new byte[chunk], chunks, mostBuffered, writerWaited);
        });
        long received = 0;
        try (Socket s = new Socket(HOST, server.port())) {
            s.setSoTimeout(30_000);
            long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!writerWaited.get() && System.nanoTime() < giveUp) {
                Thread.sleep(10); // a reader that does not read: the writer must wait in drain()
            }
            assertThat(writerWaited).isTrue();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            for (int i = 0; i < 10_000_000; i++) { // bounded: ends at end of stream
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                received += n;
            }
        }
        assertThat(received).isEqualTo((long) chunk * chunks);
        assertThat(mostBuffered.get()).as("bytes buffered by the writer at most")
                .isLessThanOrEqualTo(32 * 1024 + chunk);
        server.close();
    }

    private static AsyncTask<Void> writeMany(TcpStream c, byte[] data, int left, AtomicLong most,
            java.util.concurrent.atomic.AtomicBoolean waited) {
        if (left == 0) {
            return Async.completed(null);
        }
        c.write(data);
        most.accumulateAndGet(c.bufferedBytes(), Math::max);
        AsyncTask<Void> drained = c.drain();
        if (!drained.isDone()) {
            waited.set(true);
        }
        return drained.thenCompose(v -> writeMany(c, data, left - 1, most, waited));
    }

    @Test
    void aPeerThatResetsMidStreamGivesAClearFailure() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        AsyncTask<?>[] handler = new AsyncTask<?>[1];
        Server server = loop.startServer(HOST, 0, c -> {
            AsyncTask<Object> t = c.readExactly(4).thenCompose(first -> c.readExactly(1000))
                    .thenApply(x -> (Object) "unexpected").recover(e -> {
                        seen.set(e);
                        return e;
                    });
            handler[0] = t;
            return t;
        });
        try (Socket s = new Socket(HOST, server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {1, 2, 3, 4, 5, 6});
            out.flush();
            Thread.sleep(50);
            s.setSoLinger(true, 0); // close with a reset
        }
        long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (seen.get() == null && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
        assertThat(seen.get()).isInstanceOf(IOException.class);
        server.close();
    }

    @Test
    void aReadWithATimeoutFailsAndLeavesTheConnectionUsable() throws Exception {
        Server server = loop.startServer(HOST, 0, c -> c.readExactly(5).thenApply(b -> {
            c.write(b);
            return null;
        }).thenCompose(v -> c.drain()));
        String result = loop.runUntilComplete(() -> Async.openConnection(HOST, server.port()).thenCompose(c -> {
            long readsBefore = clockReads.get();
            return Async.waitFor(c.read(100), Duration.ofMillis(300))
                    .thenApply(b -> "no timeout?")
                    .recover(e -> {
                        assertThat(e).isInstanceOf(TaskTimeoutException.class);
                        // while it waited, the loop slept instead of spinning
                        assertThat(clockReads.get() - readsBefore).isLessThan(150);
                        c.write("hello");
                        return "timed out";
                    })
                    .thenCompose(first -> c.readExactly(5)
                            .thenApply(b -> first + ", then " + new String(b, StandardCharsets.US_ASCII)))
                    .andFinally(c::close);
        }));
        assertThat(result).isEqualTo("timed out, then hello");
        server.close();
    }

    @Test
    void closingAServerWithLiveConnectionsEndsThem() throws Exception {
        Server server = loop.startServer(HOST, 0, c -> c.readLine());
        try (Socket a = new Socket(HOST, server.port()); Socket b = new Socket(HOST, server.port())) {
            long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (server.connections() < 2 && System.nanoTime() < giveUp) {
                Thread.sleep(5);
            }
            assertThat(server.connections()).isEqualTo(2);
            server.close(true);
            a.setSoTimeout(10_000);
            b.setSoTimeout(10_000);
            assertThat(readOrReset(a)).isTrue();
            assertThat(readOrReset(b)).isTrue();
            while (server.connections() > 0 && System.nanoTime() < giveUp) {
                Thread.sleep(5); // the count is updated on the loop, just after the sockets close
            }
            assertThat(server.connections()).isZero();
            assertThat(server.isClosed()).isTrue();
        }
        // no longer accepting
        assertThat(connectRefused(server.port())).isTrue();
    }

    private static boolean readOrReset(Socket s) {
        try {
            return s.getInputStream().read() == -1;
        } catch (IOException reset) {
            return true;
        }
    }

    private static boolean connectRefused(int port) {
        try (Socket s = new Socket(HOST, port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void halfCloseLetsThePeerReadToTheEndAndAnswer() {
        Server server = loop.startServer(HOST, 0, c -> readAll(c, new StringBuilder()).thenCompose(text -> {
            c.write("got " + text.length() + " chars");
            return c.close();
        }));
        String answer = loop.runUntilComplete(() -> Async.openConnection(HOST, server.port()).thenCompose(c -> {
            c.write("line one\nline two\n");
            c.shutdownOutput();
            return readAll(c, new StringBuilder()).andFinally(c::close);
        }));
        assertThat(answer).isEqualTo("got 18 chars");
        server.close();
    }

    private static AsyncTask<String> readAll(TcpStream c, StringBuilder sb) {
        return c.read(1024).thenCompose(b -> {
            if (b.length == 0) {
                return Async.completed(sb.toString());
            }
            sb.append(new String(b, StandardCharsets.UTF_8));
            return readAll(c, sb);
        });
    }

    @Test
    void linesDelimitersAndEndOfStream() {
        Server server = loop.startServer(HOST, 0, c -> {
            c.write("first\r\nsecond\nA|B|tail");
            c.shutdownOutput();
            return c.drain();
        });
        List<Object> got = loop.runUntilComplete(() -> Async.openConnection(HOST, server.port()).thenCompose(c -> {
            List<Object> out = new ArrayList<>();
            return c.readLineUtf8().thenCompose(l -> {
                out.add(l);
                return c.readLine();
            }).thenCompose(l -> {
                out.add(new String(l, StandardCharsets.UTF_8));
                return c.readUntil("|".getBytes(StandardCharsets.UTF_8));
            }).thenCompose(b -> {
                out.add(new String(b, StandardCharsets.UTF_8));
                return c.readExactly(2);
            }).thenCompose(b -> {
                out.add(new String(b, StandardCharsets.UTF_8));
                return c.readExactly(10);
            }).recover(e -> {
                out.add(e.getClass().getSimpleName());
                return null;
            }).thenCompose(x -> c.readLineUtf8()).thenApply(l -> {
                out.add(String.valueOf(l));
                out.add(c.atEof());
                return out;
            }).andFinally(c::close);
        }));
        assertThat(got).containsExactly("first", "second\n", "A|", "B|", "EOFException", "null", true);
        server.close();
    }

    @Test
    void connectingToAClosedPortFails() {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Throwable failure = loop.runUntilComplete(() -> Async.openConnection(HOST, port)
                .thenApply(c -> (Throwable) null).recover(e -> e));
        assertThat(failure).isInstanceOf(IOException.class);
    }

    @Test
    void aDrainCanBeCancelledOrTimedOut() throws Exception {
        java.util.concurrent.CompletableFuture<String> outcome = new java.util.concurrent.CompletableFuture<>();
        Server server = loop.startServer(HOST, 0, c -> {
            byte[] block = new byte[1 << 20];
            return fillUntilDrainWaits(c, block, 64).thenCompose(drain -> Async.waitFor(drain, Duration.ofMillis(200)))
                    .thenApply(v -> "drained?").recover(e -> {
                        outcome.complete(e.getClass().getSimpleName() + ", open " + c.isOpen());
                        c.abort();
                        return "done";
                    });
        });
        try (Socket s = new Socket(HOST, server.port())) { // never reads
            assertThat(outcome.get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo("TaskTimeoutException, open true");
        }
        server.close();
    }

    /** Writes blocks until drain() has to wait; completes with that waiting drain. */
    private static AsyncTask<AsyncTask<Void>> fillUntilDrainWaits(TcpStream c, byte[] block, int left) {
        c.write(block);
        AsyncTask<Void> drain = c.drain();
        if (!drain.isDone() || left == 0) {
            return Async.completed(drain);
        }
        return drain.thenCompose(v -> fillUntilDrainWaits(c, block, left - 1));
    }

    @Test
    void aCancelledReadTakesNothing() {
        Server server = loop.startServer(HOST, 0, c -> {
            c.write("abcdef");
            return c.drain().thenCompose(v -> c.read(1));
        });
        String r = loop.runUntilComplete(() -> Async.openConnection(HOST, server.port()).thenCompose(c -> {
            AsyncTask<byte[]> big = c.readExactly(100);
            return Async.sleep(0.05).thenCompose(v -> {
                big.cancel();
                return c.readExactly(6);
            }).thenApply(b -> new String(b, StandardCharsets.US_ASCII)).andFinally(c::close);
        }));
        assertThat(r).isEqualTo("abcdef");
        server.close();
    }
}
