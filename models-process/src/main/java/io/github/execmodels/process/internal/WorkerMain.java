package io.github.execmodels.process.internal;

import io.github.execmodels.Job;
import io.github.execmodels.Outcome;
import io.github.execmodels.RemoteTaskException;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.process.Codec;
import io.github.execmodels.process.JavaSerializationCodec;
import io.github.execmodels.spi.Chunk;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * The main class of a worker process. It talks to its parent over a private channel, a Unix-domain socket whose
 * path it gets as its second argument (see {@link WorkerChannel}); its standard output and error are plain output,
 * which the parent forwards to its log, so nothing the JVM, an agent, a native library or a task prints can reach
 * the protocol. It exits when the channel closes or its parent process ends (so a parent killed with
 * {@code kill -9} leaves no orphan), and when the parent asks it to.
 *
 * <p>Two threads: the main thread reads frames and queues tasks (and interrupts the running task on a cancel
 * frame); the runner thread runs them one at a time and writes the results.
 */
public final class WorkerMain {

    /** Exit codes, read by the parent. */
    static final int EXIT_PARENT_GONE = 0;
    static final int EXIT_INIT_FAILED = 65;
    static final int EXIT_PROTOCOL = 66;
    static final int EXIT_VM_ERROR = 67;

    private static final long SLICE_TARGET_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** The folder of the parent's channels. */
    private static volatile Path channelFolder;

    private final DataInputStream in;
    private final DataOutputStream out;
    private final LinkedBlockingDeque<Queued> tasks = new LinkedBlockingDeque<>();
    private final Object runningLock = new Object();
    private long runningId = -1; // guarded by runningLock
    /** Cancels that arrived while the runner had taken their task but not yet marked it running. */
    private final java.util.Set<Long> cancelledEarly = new java.util.HashSet<>(); // guarded by runningLock
    /** Whether the runner is writing to the channel, when an interrupt would close it; guarded by runningLock. */
    private boolean runnerWriting;
    /** A cancel's interrupt held back until the runner's write ends; guarded by runningLock. */
    private boolean interruptHeldBack;
    private Thread runner;
    private Codec codec;
    private long maxFrameBytes = Long.MAX_VALUE;
    private static final java.lang.invoke.VarHandle LONG_AT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.BIG_ENDIAN);
    /** The largest result buffer kept for the next result. */
    private static final int MAX_KEPT_BUFFER = 8 << 20;
    /** The buffer the runner thread encodes results into, reused; null while in use. */
    private Buf resultBuffer;
    /** The time per element of the last chunk slice, which sizes the first slice of the next chunk. */
    private long lastPerItemNanos = SLICE_TARGET_NANOS;

    private WorkerMain(DataInputStream in, DataOutputStream out) {
        this.in = in;
        this.out = out;
    }

    /**
     * Runs a worker.
     *
     * @param args the parent's pid and the path of the channel's socket
     * @throws Exception if the channel cannot be opened
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("expected: <parent pid> <channel socket path>, got "
                    + java.util.Arrays.toString(args));
        }
        channelFolder = Path.of(args[1]).getParent();
        watchParent(Long.parseLong(args[0]));
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(args[1]));
        WorkerMain worker = new WorkerMain(new DataInputStream(new BufferedInputStream(ChannelStreams.in(channel),
                1 << 16)), new DataOutputStream(new BufferedOutputStream(ChannelStreams.out(channel), 1 << 16)));
        worker.run();
    }

    /**
     * Exits because the parent is gone. A parent killed with {@code kill -9} could not remove its channels'
     * folder: the worker removes it if it is empty (a live pool recreates it for its next worker).
     */
    private static void parentGone() {
        Path folder = channelFolder;
        if (folder != null) {
            try {
                Files.deleteIfExists(folder);
            } catch (IOException | RuntimeException e) {
                // not empty (another worker's socket), or gone: either way nothing to do
            }
        }
        Runtime.getRuntime().halt(EXIT_PARENT_GONE);
    }

    /** Ends this process when the parent ends, whatever the state of the channel. */
    private static void watchParent(long parentPid) {
        Thread watcher = new Thread(() -> {
            while (true) {
                boolean alive = ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    parentGone();
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "execmodels-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void run() throws Exception {
        Frames.Frame init = Frames.read(in, Integer.MAX_VALUE, Frames.INIT, Frames.INIT);
        if (init == null) {
            parentGone();
        }
        WorkerConfig config;
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(init.payload))) {
            config = (WorkerConfig) ois.readObject();
        }
        codec = config.codec;
        maxFrameBytes = config.maxFrameBytes;
        if (config.initializer != null) {
            try {
                config.initializer.call();
            } catch (Throwable t) {
                send(Frames.INIT_FAILED, 0, Failures.encode(t, codec));
                out.flush();
                Runtime.getRuntime().halt(EXIT_INIT_FAILED);
            }
        }
        send(Frames.READY, ProcessHandle.current().pid(), null);
        runner = new Thread(this::runTasks, "execmodels-worker");
        runner.start();
        readFrames();
    }

    /** The main thread: reads frames until the parent says stop or goes away. */
    private void readFrames() {
        try {
            while (true) {
                Frames.Frame frame = Frames.read(in, maxFrameBytes, Frames.TASK, Frames.SHUTDOWN);
                if (frame == null) {
                    parentGone(); // the channel closed: the parent is gone, or its pool is closing
                }
                switch (frame.type) {
                    case Frames.TASK:
                        tasks.addLast(new Queued(frame.id, frame.payload));
                        break;
                    case Frames.CANCEL:
                        cancel(frame.id);
                        break;
                    case Frames.SHUTDOWN:
                        tasks.addLast(new Queued(-1L, null));
                        return;
                    default:
                        break;
                }
            }
        } catch (IOException e) {
            System.err.println("worker: protocol error from the parent: " + e);
            Runtime.getRuntime().halt(EXIT_PROTOCOL);
        }
    }

    private void cancel(long id) {
        synchronized (runningLock) {
            if (runningId == id) {
                if (runnerWriting) {
                    interruptHeldBack = true;
                } else {
                    runner.interrupt();
                }
                return;
            }
            for (Iterator<Queued> it = tasks.iterator(); it.hasNext();) {
                Queued task = it.next();
                if (task.id() == id && tasks.removeFirstOccurrence(task)) {
                    sendQuietly(Frames.CANCELLED, id, null);
                    return;
                }
            }
            // the runner has taken the task but not yet marked it running, or it has just ended: the runner
            // drops it if it has not started it (a late cancel's id is forgotten with the next ones)
            if (cancelledEarly.size() > 1_000) {
                cancelledEarly.clear();
            }
            cancelledEarly.add(id);
        }
    }

    private void runTasks() {
        while (true) {
            Queued next;
            try {
                next = tasks.takeFirst();
            } catch (InterruptedException e) {
                continue; // a cancel that arrived just after its task ended
            }
            long id = next.id();
            if (next.payload() == null) {
                try {
                    out.flush();
                } catch (IOException ignored) {
                    // the parent is gone; nothing to tell it
                }
                System.exit(0); // an orderly exit: shutdown hooks run, a class data archive is written
                return;
            }
            synchronized (runningLock) {
                if (cancelledEarly.remove(id)) {
                    sendQuietly(Frames.CANCELLED, id, null);
                    continue;
                }
                runningId = id;
            }
            try {
                runOne(id, next.payload());
            } finally {
                synchronized (runningLock) {
                    runningId = -1;
                }
                Thread.interrupted(); // a late cancel must not hit the next task
            }
        }
    }

    private void runOne(long id, byte[] payload) {
        try {
            Object job = codec.decode(payload);
            if (job instanceof Chunk) {
                runChunk(id, (Chunk) job);
            } else {
                long t0 = System.nanoTime();
                Object result = ((Job<?>) job).call();
                sendResult(Frames.RESULT, id, result, System.nanoTime() - t0);
            }
        } catch (Throwable t) {
            fatalIfVmError(t);
            sendQuietly(Frames.ERROR, id, Failures.encode(t, codec));
        }
    }

    /** Runs a chunk in slices of a few milliseconds, sending each slice's results as it completes. */
    private void runChunk(long id, Chunk chunk) throws Exception {
        int size = chunk.size();
        int from = 0;
        // start from what the last chunk measured (this worker usually runs one function many times)
        int slice = (int) Math.max(1, Math.min(size, SLICE_TARGET_NANOS / lastPerItemNanos));
        while (from < size) {
            int to = (int) Math.min(size, (long) from + slice);
            long t0 = System.nanoTime();
            List<Object> results = chunk.slice(from, to).call();
            long took = System.nanoTime() - t0;
            if (chunk.isOutcomes()) {
                checkOutcomes(results);
            }
            from = to;
            sendResult(from == size ? Frames.RESULT : Frames.PARTIAL, id, results, took);
            double perItem = Math.max(1.0, (double) took / Math.max(1, results.size()));
            lastPerItemNanos = (long) Math.ceil(perItem);
            slice = (int) Math.max(1, Math.min(4L * slice, (long) (SLICE_TARGET_NANOS / perItem)));
        }
        if (size == 0) {
            sendResult(Frames.RESULT, id, new ArrayList<>(), 0);
        }
    }

    private void checkOutcomes(List<Object> results) {
        for (Object o : results) {
            if (o instanceof Outcome && !((Outcome<?>) o).isSuccess()) {
                fatalIfVmError(((Outcome<?>) o).failure());
            }
        }
    }

    /** After an error of the VM itself (stack overflow, out of memory) this JVM is not to be trusted: die. */
    private void fatalIfVmError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof VirtualMachineError) {
                System.err.println("worker: ending after " + c);
                try {
                    out.flush();
                } catch (IOException ignored) {
                    // the parent sees the exit either way
                }
                Runtime.getRuntime().halt(EXIT_VM_ERROR);
            }
            if (c.getCause() == c) {
                break;
            }
        }
    }

    /** Sends a result (or a part of a chunk's results) after the time the worker spent computing it. */
    private void sendResult(byte type, long id, Object result, long nanos) throws IOException {
        if (codec instanceof JavaSerializationCodec && sendFast(type, id, result, nanos)) {
            return;
        }
        byte[] bytes;
        try {
            bytes = codec.encode(result);
        } catch (IOException | RuntimeException e) {
            Object safe = safeOutcomes(result);
            if (safe == null) {
                throw new IllegalStateException("the result cannot be sent back to the parent: " + e, e);
            }
            bytes = codec.encode(safe);
        }
        if (8L + bytes.length > maxFrameBytes) {
            throw new IllegalStateException("the result (" + bytes.length + " bytes encoded) exceeds the pool's "
                    + "maxFrameBytes (" + maxFrameBytes + " bytes) and was not sent back");
        }
        byte[] payload = new byte[8 + bytes.length];
        java.nio.ByteBuffer.wrap(payload).putLong(nanos).put(bytes);
        send(type, id, payload);
    }

    /**
     * With the default codec, encodes the frame (header, compute time, value) into one buffer reused from result to
     * result and writes it at once; returns {@code false} if the value does not encode (the caller then tries the
     * general path, which explains the failure).
     */
    private boolean sendFast(byte type, long id, Object result, long nanos) throws IOException {
        Buf buf = resultBuffer != null ? resultBuffer : new Buf(1 << 16);
        resultBuffer = null;
        int start = Frames.HEADER_BYTES + 8;
        buf.reset(start);
        try {
            FastValues.encodeInto(buf, result);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        int length = buf.size() - Frames.HEADER_BYTES;
        if (length > maxFrameBytes) {
            return false;
        }
        byte[] bytes = buf.bytes();
        Frames.header(bytes, type, length, id);
        LONG_AT.set(bytes, Frames.HEADER_BYTES, nanos);
        writeFrames(() -> {
            synchronized (out) {
                out.write(bytes, 0, buf.size());
                out.flush();
            }
        });
        if (buf.capacity() <= MAX_KEPT_BUFFER) {
            resultBuffer = buf;
        }
        return true;
    }

    /** Replaces failures in a list of outcomes whose exceptions do not encode with remote exceptions. */
    private Object safeOutcomes(Object result) {
        if (!(result instanceof List)) {
            return null;
        }
        List<Object> safe = new ArrayList<>();
        for (Object o : (List<?>) result) {
            if (!(o instanceof Outcome)) {
                return null;
            }
            Outcome<?> outcome = (Outcome<?>) o;
            if (!outcome.isSuccess()) {
                Throwable cause = outcome.failure().getCause() == null ? outcome.failure()
                        : outcome.failure().getCause();
                o = Outcome.failure(outcome.index(), TaskFailedException.atIndex(outcome.index(),
                        new RemoteTaskException(cause.getClass().getName(), cause.getMessage(),
                                Failures.traceText(cause))));
            }
            safe.add(o);
        }
        return safe;
    }

    private void send(byte type, long id, byte[] payload) throws IOException {
        writeFrames(() -> {
            synchronized (out) {
                Frames.write(out, type, id, payload);
                out.flush();
            }
        });
    }

    /** Something that writes to the channel. */
    private interface ChannelWrite {
        void run() throws IOException;
    }

    /**
     * Writes to the channel. The channel is interruptible: a thread interrupted while it writes closes it. The
     * runner thread, which a cancel interrupts, therefore writes with its interrupt status cleared and a cancel
     * that lands meanwhile is held back until the write ends; either interrupt is then restored.
     */
    private void writeFrames(ChannelWrite write) throws IOException {
        if (Thread.currentThread() != runner) {
            write.run();
            return;
        }
        boolean interrupted;
        synchronized (runningLock) {
            runnerWriting = true;
            interrupted = Thread.interrupted();
        }
        try {
            write.run();
        } finally {
            synchronized (runningLock) {
                runnerWriting = false;
                if (interrupted || interruptHeldBack) {
                    interruptHeldBack = false;
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void sendQuietly(byte type, long id, byte[] payload) {
        try {
            send(type, id, payload);
        } catch (IOException e) {
            parentGone();
        }
    }

    /** A task frame waiting to run; a null payload means: exit once the tasks before it are done. */
    private record Queued(long id, byte[] payload) {
    }
}
