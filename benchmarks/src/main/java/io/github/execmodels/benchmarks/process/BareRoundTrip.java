package io.github.execmodels.benchmarks.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.SynchronousQueue;

/**
 * The floor under any worker-process protocol: the round trip of a small message between two JVMs that do nothing
 * else, over the child's stdin/stdout pipes and over a Unix-domain socket, first with one thread on each side
 * (caller writes and reads; the child reads and answers), then with the thread hand-offs the pool makes (the
 * caller hands the message to a writer thread; the child's reader hands it to a runner thread; the parent's reader
 * hands the answer back to the caller).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.execmodels.benchmarks.process.BareRoundTrip
 * [round trips, default 20000]}. Prints the median and the 90th and 99th percentiles in microseconds.
 */
public final class BareRoundTrip {

    private static final int PAYLOAD = 64;

    private BareRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args);
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        System.out.printf(Locale.ROOT, "bare round trip of %d bytes between two JVMs, %d round trips each%n", PAYLOAD, n);
        for (String transport : List.of("pipe", "socket")) {
            for (boolean handOffs : List.of(false, true)) {
                measure(transport, handOffs, n);
            }
        }
    }

    private static void measure(String transport, boolean handOffs, int n) throws Exception {
        Path dir = Files.createTempDirectory("roundtrip");
        Path socketPath = dir.resolve("s");
        ServerSocketChannel server = null;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                BareRoundTrip.class.getName(), "--child", transport, Boolean.toString(handOffs)));
        if (transport.equals("socket")) {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socketPath));
            command.add(socketPath.toString());
        }
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            InputStream rawIn;
            OutputStream rawOut;
            SocketChannel channel = null;
            if (server != null) {
                channel = server.accept();
                rawIn = input(channel);
                rawOut = output(channel);
            } else {
                rawIn = child.getInputStream();
                rawOut = child.getOutputStream();
            }
            DataInputStream in = new DataInputStream(new BufferedInputStream(rawIn, 1 << 16));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(rawOut, 1 << 16));
            long[] times = handOffs ? withHandOffs(in, out, n) : direct(in, out, n);
            java.util.Arrays.sort(times);
            System.out.printf(Locale.ROOT, "  %-6s %-27s median %6.1f us, p90 %6.1f us, p99 %6.1f us%n", transport,
                    handOffs ? "with the pool's hand-offs" : "one thread each side", times[n / 2] / 1e3,
                    times[(int) (n * 0.9)] / 1e3, times[(int) (n * 0.99)] / 1e3);
            out.writeInt(-1);
            out.flush();
            child.waitFor();
            if (channel != null) {
                channel.close();
            }
        } finally {
            child.destroyForcibly();
            if (server != null) {
                server.close();
            }
            Files.deleteIfExists(socketPath);
            Files.deleteIfExists(dir);
        }
    }

    private static long[] direct(DataInputStream in, DataOutputStream out, int n) throws IOException {
        byte[] message = new byte[PAYLOAD];
        for (int i = 0; i < n / 10; i++) {
            exchange(in, out, message);
        }
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            exchange(in, out, message);
            times[i] = System.nanoTime() - t0;
        }
        return times;
    }

    private static void exchange(DataInputStream in, DataOutputStream out, byte[] message) throws IOException {
        out.writeInt(message.length);
        out.write(message);
        out.flush();
        int length = in.readInt();
        in.readFully(message, 0, length);
    }

    /** Caller -> writer thread -> channel -> child -> channel -> reader thread -> caller. */
    private static long[] withHandOffs(DataInputStream in, DataOutputStream out, int n) throws Exception {
        SynchronousQueue<byte[]> toWriter = new SynchronousQueue<>();
        SynchronousQueue<byte[]> toCaller = new SynchronousQueue<>();
        Thread writer = new Thread(() -> {
            try {
                while (true) {
                    byte[] m = toWriter.take();
                    if (m.length == 0) {
                        return;
                    }
                    out.writeInt(m.length);
                    out.write(m);
                    out.flush();
                }
            } catch (InterruptedException | IOException e) {
                // ends the benchmark's writer
            }
        });
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    byte[] m = new byte[in.readInt()];
                    in.readFully(m);
                    toCaller.put(m);
                }
            } catch (InterruptedException | IOException e) {
                // the child is gone
            }
        });
        writer.setDaemon(true);
        reader.setDaemon(true);
        writer.start();
        reader.start();
        int warm = n / 10;
        long[] times = new long[n];
        for (int i = -warm; i < n; i++) {
            long t0 = System.nanoTime();
            toWriter.put(new byte[PAYLOAD]);
            toCaller.take();
            if (i >= 0) {
                times[i] = System.nanoTime() - t0;
            }
        }
        toWriter.put(new byte[0]);
        writer.join();
        return times;
    }

    // Channels.newInputStream/newOutputStream would serialize a read and a write of one channel on its blocking lock
    // (JDK 17), so a reader blocked waiting would hold up the writer: read and write the channel directly instead

    private static InputStream input(SocketChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    private static OutputStream output(SocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
    }

    private static void child(String[] args) throws Exception {
        boolean handOffs = Boolean.parseBoolean(args[2]);
        InputStream rawIn = System.in;
        OutputStream rawOut = new java.io.FileOutputStream(java.io.FileDescriptor.out);
        if (args[1].equals("socket")) {
            SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(args[3]));
            rawIn = input(channel);
            rawOut = output(channel);
        }
        DataInputStream in = new DataInputStream(new BufferedInputStream(rawIn, 1 << 16));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(rawOut, 1 << 16));
        SynchronousQueue<byte[]> toRunner = new SynchronousQueue<>();
        Thread runner = new Thread(() -> {
            try {
                while (true) {
                    byte[] m = toRunner.take();
                    out.writeInt(m.length);
                    out.write(m);
                    out.flush();
                }
            } catch (InterruptedException | IOException e) {
                // the parent is gone
            }
        });
        runner.setDaemon(true);
        if (handOffs) {
            runner.start();
        }
        while (true) {
            int length = in.readInt();
            if (length < 0) {
                return;
            }
            byte[] m = new byte[length];
            in.readFully(m);
            if (handOffs) {
                toRunner.put(m);
            } else {
                out.writeInt(length);
                out.write(m);
                out.flush();
            }
        }
    }
}
