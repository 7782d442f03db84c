package io.github.execmodels.process.internal;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parent's handle on one worker process: its channel, the tasks it holds (the first one runs, the others wait
 * in the worker's queue), the frames waiting to be written, and the last lines of its output.
 *
 * <p>Fields marked so are guarded by the pool's lock; only the writer thread writes to the channel.
 */
final class WorkerProcess {

    private static final Logger output = LoggerFactory.getLogger("io.github.execmodels.process.worker");
    private static final int TAIL_LINES = 20;
    private static final int MAX_LINE_CHARS = 8 * 1024;

    final int number;
    final Process process;
    final long pid;
    final WorkerChannel channel;
    /** The channel's output, set once the worker has connected; used by the writer thread only. */
    DataOutputStream out;
    /** Control frames (cancel, shutdown) for the writer thread, written before the next task frame. */
    final ConcurrentLinkedQueue<ControlFrame> controls = new ConcurrentLinkedQueue<>();
    Thread reader;
    Thread stdoutPump;
    Thread stderrPump;
    Thread writer;
    /** Guards the writer thread's wake-ups. */
    private final Object writerSignal = new Object();
    private boolean writerWork; // guarded by writerSignal
    private boolean writerStop; // guarded by writerSignal

    // guarded by the pool's lock
    final ArrayDeque<ProcessTask> assigned = new ArrayDeque<>();
    final ArrayDeque<ProcessTask> outbox = new ArrayDeque<>();
    boolean ready;
    /** Whether the worker has connected to its channel. */
    volatile boolean channelOpen;
    boolean retiring;
    boolean dead;
    int sent;
    String killReason;
    /** Why the pool ended it early, or null. */
    ExitReason exitReason;
    Throwable initFailure;
    long startedNanos = System.nanoTime();
    /** Where this worker writes a class data archive when it exits normally, or null. */
    java.nio.file.Path archiveDump;

    private final ArrayDeque<String> tail = new ArrayDeque<>(); // guarded by itself

    WorkerProcess(int number, Process process, WorkerChannel channel) {
        this.number = number;
        this.process = process;
        this.pid = process.pid();
        this.channel = channel;
    }

    /** Called by the reader thread once the worker has connected. */
    void connected() {
        out = new DataOutputStream(new BufferedOutputStream(channel.out(), 1 << 16));
    }

    /** A frame without payload that the writer thread sends ahead of the next task. */
    record ControlFrame(byte type, long id) {
    }

    /** Tells the writer thread that the outbox has frames to write. */
    void wakeWriter() {
        synchronized (writerSignal) {
            writerWork = true;
            writerSignal.notifyAll();
        }
    }

    /** Ends the writer thread once it has nothing more to write. */
    void stopWriter() {
        synchronized (writerSignal) {
            writerStop = true;
            writerSignal.notifyAll();
        }
    }

    /** Waits until there is something to write ({@code true}) or the writer is to end ({@code false}). */
    boolean awaitWriterWork() {
        synchronized (writerSignal) {
            while (!writerWork && !writerStop) {
                try {
                    writerSignal.wait();
                } catch (InterruptedException e) {
                    return false;
                }
            }
            boolean work = writerWork;
            writerWork = false;
            return work;
        }
    }

    /**
     * Has the writer thread send a control frame (cancel, shutdown). Never blocks: the caller may be a user's
     * thread calling {@code cancel} or {@code close} while the writer waits for a worker that reads nothing.
     */
    void sendControl(byte type, long id) {
        controls.add(new ControlFrame(type, id));
        wakeWriter();
    }

    /** Forwards the worker's standard output to the log, line by line; never parsed. */
    void pumpStdout() {
        pump(process.getInputStream(), false);
    }

    /** Forwards the worker's standard error to the log, line by line, keeping the last lines for a crash report. */
    void pumpStderr() {
        pump(process.getErrorStream(), true);
    }

    private void pump(InputStream stream, boolean error) {
        try (BufferedReader chars = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            StringBuilder building = new StringBuilder();
            String line;
            while ((line = nextLine(chars, building)) != null) {
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
                if (error) {
                    output.warn("[worker pid {}] {}", pid, line);
                } else {
                    output.info("[worker pid {}] {}", pid, line);
                }
            }
        } catch (IOException e) {
            // the pipe closed as the worker died
        }
    }

    /** The next line, cut at {@link #MAX_LINE_CHARS} so that output without line ends cannot fill the heap. */
    private static String nextLine(BufferedReader chars, StringBuilder building) throws IOException {
        building.setLength(0);
        int c;
        while ((c = chars.read()) >= 0) {
            if (c == '\n') {
                return building.toString();
            }
            if (c != '\r') {
                building.append((char) c);
            }
            if (building.length() == MAX_LINE_CHARS) {
                return building.toString();
            }
        }
        return building.length() > 0 ? building.toString() : null;
    }

    List<String> tail() {
        synchronized (tail) {
            return new ArrayList<>(tail);
        }
    }

    @Override
    public String toString() {
        return "worker " + number + " (pid " + pid + ")";
    }
}
