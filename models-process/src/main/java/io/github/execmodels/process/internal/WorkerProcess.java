package io.github.execmodels.process.internal;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parent's handle on one worker process: its pipes, the tasks it holds (the first one runs, the others wait
 * in the worker's queue), the frames waiting to be written, and the last lines of its standard error.
 *
 * <p>Fields marked so are guarded by the pool's lock; writes to the worker's stdin hold {@link #writeLock}.
 */
final class WorkerProcess {

    private static final Logger output = LoggerFactory.getLogger("io.github.execmodels.process.worker");
    private static final int TAIL_LINES = 20;

    final int number;
    final Process process;
    final long pid;
    final DataOutputStream stdin;
    final Object writeLock = new Object();
    Thread reader;
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

    WorkerProcess(int number, Process process) {
        this.number = number;
        this.process = process;
        this.pid = process.pid();
        this.stdin = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
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

    /** Writes one control frame (cancel, shutdown); ignores a dead pipe: the reader sees the death. */
    void sendControl(byte type, long id) {
        synchronized (writeLock) {
            try {
                Frames.write(stdin, type, id, null);
                stdin.flush();
            } catch (IOException e) {
                // the worker is gone or going; its reader thread handles that
            }
        }
    }

    /** Forwards the worker's standard error to the log, keeping the last lines for a crash report. */
    void pumpStderr() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
                if (line.startsWith(WorkerMain.OUT_TAG)) {
                    output.info("[worker pid {}] {}", pid, line.substring(WorkerMain.OUT_TAG.length()));
                } else if (line.startsWith(WorkerMain.ERR_TAG)) {
                    output.warn("[worker pid {}] {}", pid, line.substring(WorkerMain.ERR_TAG.length()));
                } else {
                    output.warn("[worker pid {} jvm] {}", pid, line);
                }
            }
        } catch (IOException e) {
            // the pipe closed as the worker died
        }
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
