package io.github.execmodels.process.internal;

import io.github.execmodels.internal.Timeouts;
import io.github.execmodels.Job;
import io.github.execmodels.ModelClosedException;
import io.github.execmodels.Outcome;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.Task;
import io.github.execmodels.TaskTimeoutException;
import io.github.execmodels.WorkerCrashedException;
import io.github.execmodels.process.Codec;
import io.github.execmodels.process.JavaSerializationCodec;
import io.github.execmodels.spi.Chunk;
import io.github.execmodels.spi.Serializability;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of {@link io.github.execmodels.process.ProcessPoolModel}: starts the worker processes, hands tasks to
 * them (at most {@link #DEPTH} per worker: one running, one already in its queue, so no worker waits for the
 * pipe), reads their answers, and handles every way a worker can end: asked to, killed for a timeout or a cancel,
 * replaced after {@code maxTasksPerWorker}, crashed, broke the protocol, or failed its initializer.
 *
 * <p>Thread safe: the scheduling state is guarded by {@link #lock}; each worker has a reader thread and a
 * standard-error thread; one timer thread runs timeouts, delayed kills and delayed restarts.
 */
public final class WorkerPool {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    /** Tasks held by one worker: the running one and the next. */
    static final int DEPTH = 2;
    /** How long a cancelled running task may take to answer its interrupt before its worker is killed. */
    private static final long CANCEL_GRACE_MILLIS = 1_000;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private static final Set<WorkerPool> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger POOLS = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (WorkerPool pool : LIVE) {
                pool.killAll();
            }
        }, "execmodels-process-shutdown"));
    }

    private final PoolSettings settings;
    private final String name;
    private final byte[] initFrame;
    private final Object lock = new Object();
    private final ArrayDeque<ProcessTask> queue = new ArrayDeque<>(); // guarded by lock
    private final List<WorkerProcess> workers = new ArrayList<>(); // guarded by lock
    private final List<WorkerProcess> allWorkers = new ArrayList<>(); // guarded by lock; for close
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger workerNumbers = new AtomicInteger();

    // guarded by lock
    private boolean closing;
    private boolean archiving;
    private boolean terminated;
    private int pendingSpawns;
    private int consecutiveStartFailures;
    private long started;
    private final Map<String, Long> replaced = new LinkedHashMap<>();

    public WorkerPool(PoolSettings settings) {
        this.settings = settings;
        this.name = "execmodels-process-" + POOLS.incrementAndGet();
        this.initFrame = serializeConfig(new WorkerConfig(settings.codec(), settings.initializer(),
                settings.maxFrameBytes()));
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name + "-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        LIVE.add(this);
        synchronized (lock) {
            for (int i = 0; i < settings.workers(); i++) {
                spawnLocked();
            }
        }
    }

    private static byte[] serializeConfig(WorkerConfig config) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(config);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("the codec or the initializer is not serializable: " + e, e);
        }
    }

    public long nextId() {
        return ids.incrementAndGet();
    }

    /** Creates a task for {@code job}, already encoded. */
    public ProcessTask newTask(Job<?> job, byte[] payload) {
        return new ProcessTask(this, nextId(), job, payload, settings.taskTimeout(), null, -1);
    }

    /** Queues a task and hands it to a worker if one is free. */
    public void submit(ProcessTask task) {
        List<WorkerProcess> toFlush = new ArrayList<>();
        synchronized (lock) {
            if (closing) {
                throw new ModelClosedException(settings.modelName());
            }
            queue.addLast(task);
            dispatchLocked(toFlush);
        }
        flush(toFlush);
    }

    // ---- dispatch

    private void dispatchLocked(List<WorkerProcess> toFlush) {
        for (int depth = 1; depth <= DEPTH && !queue.isEmpty(); depth++) {
            for (WorkerProcess w : workers) {
                if (queue.isEmpty()) {
                    return;
                }
                if (w.dead || w.retiring || w.assigned.size() >= depth
                        || (settings.maxTasksPerWorker() > 0 && w.sent >= settings.maxTasksPerWorker())) {
                    continue;
                }
                ProcessTask task = queue.pollFirst();
                if (task.isDone()) {
                    task.stopped();
                    depth = 0; // look again from the start with the next task
                    break;
                }
                task.worker = w;
                w.assigned.addLast(task);
                w.outbox.addLast(task);
                w.sent++;
                if (w.ready && w.assigned.size() == 1) {
                    beginLocked(task);
                }
                if (!toFlush.contains(w)) {
                    toFlush.add(w);
                }
            }
        }
    }

    /** Marks the head task of a ready worker as running and arms its own timeout. */
    private void beginLocked(ProcessTask task) {
        task.begin();
        if (task.timeout != null && task.parent == null && !(task.job instanceof Chunk)) {
            WorkerProcess w = task.worker;
            schedule(() -> {
                if (isRunningOn(task, w)) {
                    task.abort(new TaskTimeoutException("task ran past its time limit of " + task.timeout
                            + "; its worker (pid " + w.pid + ") was killed", task.timeout,
                            TaskFailedException.NO_INDEX));
                }
            }, Timeouts.clampedNanos(task.timeout));
        }
    }

    /** Whether {@code task} is still the one {@code w} runs (checked under the lock: timers act on it). */
    private boolean isRunningOn(ProcessTask task, WorkerProcess w) {
        synchronized (lock) {
            return !w.dead && w.assigned.peekFirst() == task;
        }
    }

    /**
     * Has the writer thread of each worker write the tasks handed to it: the thread that dispatched them (a map's
     * own thread, usually) goes on at once instead of waiting, frame after frame, for a busy worker to drain its pipe.
     */
    private void flush(List<WorkerProcess> toFlush) {
        for (WorkerProcess w : toFlush) {
            w.wakeWriter();
        }
    }

    /** The writer thread of one worker: writes the frames of its outbox, in order, until the worker has ended. */
    private void write(WorkerProcess w) {
        while (w.awaitWriterWork()) {
            synchronized (w.writeLock) {
                try {
                    while (true) {
                        ProcessTask task;
                        synchronized (lock) {
                            task = w.outbox.pollFirst();
                        }
                        if (task == null) {
                            break;
                        }
                        Frames.write(w.stdin, Frames.TASK, task.id, task.payload);
                    }
                    w.stdin.flush();
                } catch (IOException e) {
                    log.debug("{}: write failed ({}); its reader handles the exit", w, e.toString());
                }
            }
        }
    }

    // ---- workers

    private void spawnLocked() {
        int number = workerNumbers.incrementAndGet();
        List<String> command = new ArrayList<>(settings.command());
        command.add(Long.toString(ProcessHandle.current().pid()));
        java.nio.file.Path dump = null;
        java.nio.file.Path archive = settings.classDataArchive();
        if (archive != null) {
            if (java.nio.file.Files.isRegularFile(archive)) {
                command.add(1, "-XX:SharedArchiveFile=" + archive);
            } else if (!archiving) {
                archiving = true;
                dump = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + "-"
                        + System.nanoTime() + ".tmp");
                command.add(1, "-XX:ArchiveClassesAtExit=" + dump);
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        if (settings.directory() != null) {
            builder.directory(settings.directory().toFile());
        }
        builder.environment().putAll(settings.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            log.error("{}: cannot start a worker with {}: {}", name, command, e.toString());
            scheduleRespawnLocked(e);
            return;
        }
        WorkerProcess w = new WorkerProcess(number, process);
        w.archiveDump = dump;
        workers.add(w);
        allWorkers.add(w);
        started++;
        log.info("{}: started worker {} (pid {})", name, number, w.pid);
        synchronized (w.writeLock) {
            try {
                Frames.write(w.stdin, Frames.INIT, 0, initFrame);
                w.stdin.flush();
            } catch (IOException e) {
                log.debug("{}: INIT write failed ({})", w, e.toString());
            }
        }
        w.reader = new Thread(() -> read(w), name + "-worker-" + number + "-reader");
        w.reader.setDaemon(true);
        w.stderrPump = new Thread(w::pumpStderr, name + "-worker-" + number + "-stderr");
        w.stderrPump.setDaemon(true);
        w.writer = new Thread(() -> write(w), name + "-worker-" + number + "-writer");
        w.writer.setDaemon(true);
        w.reader.start();
        w.writer.start();
        w.stderrPump.start();
    }

    private void scheduleRespawnLocked(Throwable why) {
        consecutiveStartFailures++;
        long delay = Math.min(MAX_BACKOFF_MILLIS, 250L << Math.min(16, consecutiveStartFailures - 1));
        log.warn("{}: a worker failed to start ({} time(s) in a row); next attempt in {} ms: {}", name,
                consecutiveStartFailures, delay, why.toString());
        pendingSpawns++;
        schedule(() -> {
            List<WorkerProcess> toFlush = new ArrayList<>();
            synchronized (lock) {
                pendingSpawns--;
                if (terminated) {
                    return;
                }
                spawnLocked();
                dispatchLocked(toFlush);
            }
            flush(toFlush);
        }, TimeUnit.MILLISECONDS.toNanos(delay));
    }

    private void schedule(Runnable action, long delayNanos) {
        try {
            timer.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("{}: closed; not scheduling {}", name, action);
        }
    }

    /** The reader thread of one worker: reads its frames until it ends, then handles the end. */
    private void read(WorkerProcess w) {
        DataInputStream in = new DataInputStream(new BufferedInputStream(w.process.getInputStream(), 1 << 16));
        Frames.ReadBuffer buffer = new Frames.ReadBuffer(); // results are decoded (copied out) as they are read
        try {
            while (true) {
                Frames.Frame frame = Frames.read(in, settings.maxFrameBytes(), Frames.READY, Frames.CANCELLED,
                        buffer);
                if (frame == null) {
                    break;
                }
                handle(w, frame);
            }
        } catch (Frames.ProtocolException e) {
            kill(w, "it broke the protocol: " + e.getMessage());
        } catch (EOFException e) {
            log.debug("{}: {}", w, e.getMessage());
        } catch (IOException | RuntimeException e) {
            kill(w, "reading its answers failed: " + e);
        } finally {
            ended(w);
        }
    }

    private void handle(WorkerProcess w, Frames.Frame frame) {
        switch (frame.type) {
            case Frames.READY: {
                List<WorkerProcess> toFlush = new ArrayList<>();
                synchronized (lock) {
                    w.ready = true;
                    consecutiveStartFailures = 0;
                    ProcessTask head = w.assigned.peekFirst();
                    if (head != null) {
                        beginLocked(head);
                    }
                    dispatchLocked(toFlush);
                }
                flush(toFlush);
                log.debug("{} ready in {} ms", w, (System.nanoTime() - w.startedNanos) / 1_000_000);
                break;
            }
            case Frames.INIT_FAILED: {
                Throwable failure = Failures.decode(frame.payload, settings.codec());
                synchronized (lock) {
                    w.initFailure = failure;
                }
                break;
            }
            case Frames.PARTIAL: {
                List<?> values = (List<?>) decodeValue(frame.payload, frame.length, true);
                ProcessTask task;
                synchronized (lock) {
                    task = find(w, frame.id);
                    if (task != null) {
                        task.workerNanos += workerNanos(frame.payload);
                    }
                }
                if (task != null) {
                    task.addPartial(values); // outside the lock: see ProcessTask.partial
                }
                break;
            }
            case Frames.RESULT:
                Object value;
                try {
                    boolean chunk;
                    synchronized (lock) {
                        ProcessTask task = find(w, frame.id);
                        chunk = task != null && task.chunk() != null;
                    }
                    value = decodeValue(frame.payload, frame.length, chunk);
                    synchronized (lock) {
                        ProcessTask task = find(w, frame.id);
                        if (task != null) {
                            task.workerNanos += workerNanos(frame.payload);
                        }
                    }
                } catch (RuntimeException e) {
                    done(w, frame.id, null, e, false);
                    break;
                }
                done(w, frame.id, value, null, false);
                break;
            case Frames.ERROR:
                done(w, frame.id, null, Failures.decode(frame.payload, settings.codec()), false);
                break;
            case Frames.CANCELLED:
                done(w, frame.id, null, null, true);
                break;
            default:
                throw new IllegalStateException("frame type " + frame.type);
        }
    }

    private static long workerNanos(byte[] payload) {
        return java.nio.ByteBuffer.wrap(payload).getLong();
    }

    /**
     * Decodes a result frame's payload: the worker's compute time, then the value. The results of a chunk, which
     * the map copies out once, may come back as a view over the payload (default codec only).
     */
    private Object decodeValue(byte[] payload, int length, boolean chunkResults) {
        if (length < 8) {
            throw new IllegalStateException("result frame of " + length + " bytes");
        }
        try {
            Codec codec = settings.codec();
            if (codec instanceof JavaSerializationCodec) {
                return FastValues.decode(payload, 8, length - 8, ((JavaSerializationCodec) codec).filter(),
                        Thread.currentThread().getContextClassLoader(), chunkResults);
            }
            return codec.decode(java.util.Arrays.copyOfRange(payload, 8, length));
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot decode the worker's answer: " + e, e);
        }
    }

    private static ProcessTask find(WorkerProcess w, long id) {
        for (ProcessTask task : w.assigned) {
            if (task.id == id) {
                return task;
            }
        }
        return null;
    }

    /** A task's answer arrived (or the worker dropped it from its queue after a cancel). */
    private void done(WorkerProcess w, long id, Object value, Throwable failure, boolean dropped) {
        List<WorkerProcess> toFlush = new ArrayList<>();
        ProcessTask task;
        Object result = value;
        synchronized (lock) {
            task = find(w, id);
        }
        if (task != null && !dropped && failure == null && (task.partial != null || task.chunk() != null)) {
            // outside the lock (see ProcessTask.partial); a chunk's results always come back as one class of list,
            // which the map reads fast
            task.addPartial((List<?>) value);
            result = task.partial.stored() && task.partial.size() == task.chunk().size() ? Chunk.STORED
                    : task.partial;
        }
        synchronized (lock) {
            if (task == null || find(w, id) != task) {
                return;
            }
            w.assigned.remove(task);
            task.worker = null;
            task.partial = null;
            ProcessTask head = w.assigned.peekFirst();
            if (head != null && w.ready) {
                beginLocked(head);
            }
            if (w.assigned.isEmpty() && settings.maxTasksPerWorker() > 0 && w.sent >= settings.maxTasksPerWorker()
                    && !w.retiring) {
                retireLocked(w, "maxTasksPerWorker (" + settings.maxTasksPerWorker() + ") reached");
            }
            dispatchLocked(toFlush);
            lock.notifyAll();
        }
        flush(toFlush);
        if (dropped) {
            task.stopped();
        } else if (failure != null) {
            finish(task, null, failure);
        } else {
            finish(task, result, null);
        }
    }

    /** Completes a task, or for an element re-run after a crash, gives its result to the chunk it came from. */
    private void finish(ProcessTask task, Object value, Throwable failure) {
        if (task.parent == null) {
            if (failure == null) {
                task.complete(value);
            } else {
                task.fail(failure);
            }
            return;
        }
        ProcessTask parent = task.parent;
        boolean complete;
        synchronized (lock) {
            task.stopped();
            if (parent.childResults == null) {
                return;
            }
            parent.childResults[task.childIndex] = failure != null ? failure : ((List<?>) value).get(0);
            complete = --parent.childrenLeft == 0;
        }
        if (complete) {
            assemble(parent);
        }
    }

    /** All elements of a crashed chunk have been re-run: complete the chunk's task. */
    private void assemble(ProcessTask task) {
        Chunk chunk = task.chunk();
        List<Object> all;
        Object[] rest;
        synchronized (lock) {
            all = task.partial == null ? new ArrayList<>() : new ArrayList<>(task.partial);
            rest = task.childResults;
            task.childResults = null;
            task.children = null;
            task.partial = null;
        }
        TaskFailedException first = null;
        for (int i = 0; i < rest.length; i++) {
            Object r = rest[i];
            long index = chunk.firstIndex() + (chunk.size() - rest.length) + i;
            if (r instanceof Throwable) {
                TaskFailedException failure = indexed((Throwable) r, index);
                if (chunk.isOutcomes()) {
                    all.add(Outcome.failure(index, failure));
                } else if (first == null) {
                    first = failure;
                }
            } else {
                all.add(r);
            }
        }
        if (first != null) {
            task.fail(first);
        } else {
            task.complete(all);
        }
    }

    private static TaskFailedException indexed(Throwable failure, long index) {
        if (failure instanceof TaskFailedException) {
            TaskFailedException f = (TaskFailedException) failure;
            return f.index() == TaskFailedException.NO_INDEX ? f.withIndex(index) : f;
        }
        return TaskFailedException.atIndex(index, failure);
    }

    /** Asks a worker that has done its share to exit, and starts another in its place. */
    private void retireLocked(WorkerProcess w, String why) {
        w.retiring = true;
        w.killReason = why;
        log.info("{}: retiring {}: {}", name, w, why);
        count("max-tasks");
        schedule(() -> w.sendControl(Frames.SHUTDOWN, 0), 0); // not under the pool's lock
        workers.remove(w);
        if (!terminated) {
            spawnLocked();
        }
    }

    /** Kills a worker; its reader thread then sees the end and handles its tasks. */
    void kill(WorkerProcess w, String why) {
        synchronized (lock) {
            if (w.killReason == null) {
                w.killReason = why;
            }
        }
        log.info("{}: killing {}: {}", name, w, why);
        w.process.destroyForcibly();
    }

    /** Called once per worker, by its reader thread, when its output ended. */
    private void ended(WorkerProcess w) {
        int exit;
        try {
            if (!w.process.waitFor(2, TimeUnit.SECONDS)) {
                w.process.destroyForcibly();
                w.process.waitFor(2, TimeUnit.SECONDS);
            }
            exit = w.process.isAlive() ? -1 : w.process.exitValue();
            w.stderrPump.join(300); // returns as soon as the pump has read the last line
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        List<String> tail = w.tail();
        List<ProcessTask> failed = new ArrayList<>();
        List<Object[]> outcomes = new ArrayList<>();
        List<WorkerProcess> toFlush = new ArrayList<>();
        boolean expected;
        synchronized (lock) {
            w.dead = true;
            w.stopWriter();
            workers.remove(w);
            expected = w.retiring || terminated;
            String why = w.killReason;
            boolean startFailure = !w.ready && !expected && why == null;
            if (expected) {
                log.info("{}: {} exited with code {}", name, w, exit);
            } else {
                log.warn("{}: {} exited with code {}{}{}", name, w, exit, why == null ? "" : " after it was killed: " + why,
                        tail.isEmpty() ? "" : "; last lines of its stderr: " + tail);
                count(w.initFailure != null ? "initializer-failed" : why == null ? (startFailure ? "start-failed"
                        : "crashed") : why.startsWith("it broke") ? "protocol-error"
                        : why.startsWith("timed out") ? "timed-out" : why.startsWith("cancel") ? "cancelled" : "killed");
            }
            // the first task was running; the others were waiting in the worker's queue and never started
            ProcessTask head = w.assigned.pollFirst();
            List<ProcessTask> waiting = new ArrayList<>(w.assigned);
            w.assigned.clear();
            w.outbox.clear();
            for (int i = waiting.size() - 1; i >= 0; i--) {
                ProcessTask t = waiting.get(i);
                t.worker = null;
                if (t.isDone()) {
                    t.stopped();
                } else if (w.initFailure != null || startFailure) {
                    failed.add(t);
                } else {
                    queue.addFirst(t);
                }
            }
            if (head != null) {
                head.worker = null;
                if (head.isDone()) {
                    head.stopped();
                } else if (w.initFailure != null || startFailure) {
                    failed.add(head);
                } else {
                    crashedLocked(head, w, exit, tail, why, outcomes);
                }
            }
            if (w.initFailure != null || startFailure) {
                if (workers.stream().noneMatch(x -> x.ready)) {
                    failed.addAll(queue);
                    queue.clear();
                }
                if (!terminated) {
                    scheduleRespawnLocked(w.initFailure != null ? w.initFailure
                            : new IllegalStateException("exit code " + exit + ", stderr " + tail));
                }
            } else if (!terminated && !w.retiring) {
                spawnLocked();
            }
            dispatchLocked(toFlush);
            lock.notifyAll();
        }
        flush(toFlush);
        for (ProcessTask t : failed) {
            Throwable why = w.initFailure != null
                    ? new TaskFailedException("the worker initializer failed: " + w.initFailure, w.initFailure)
                    : crash("worker " + w.number + " (pid " + w.pid + ") failed to start", TaskFailedException.NO_INDEX,
                            exit, tail);
            if (t.chunk() != null && !(why instanceof WorkerCrashedException)) {
                why = TaskFailedException.atIndex(t.chunk().firstIndex(), why.getCause());
            } else if (t.chunk() != null) {
                why = ((WorkerCrashedException) why).withIndex(t.chunk().firstIndex());
            }
            finish(t, null, why);
        }
        for (Object[] o : outcomes) {
            finish((ProcessTask) o[0], o[1], (Throwable) o[2]);
        }
        synchronized (lock) {
            allWorkers.remove(w);
        }
        if (w.archiveDump != null) {
            ClassDataArchives.install(w.archiveDump, settings.classDataArchive());
            synchronized (lock) {
                archiving = false;
            }
        }
    }

    /** Decides what becomes of the task a worker was running when it died. */
    private void crashedLocked(ProcessTask task, WorkerProcess w, int exit, List<String> tail, String why,
            List<Object[]> outcomes) {
        Chunk chunk = task.chunk();
        int received = task.received();
        int unfinished = chunk == null ? 1 : chunk.size() - received;
        // a chunk that delivered some results is never sent again whole: that would deliver them twice
        boolean retryRest = chunk != null && unfinished == 1 && received > 0 && task.attempts < settings.retries();
        if (chunk != null && (unfinished > 1 || retryRest)) {
            // run the unfinished elements again one by one, so the one that kills its worker is found and the
            // others get their results
            log.info("{}: re-running the {} unfinished element(s) of {} one by one", name, unfinished, chunk);
            task.childResults = new Object[unfinished];
            task.children = new ProcessTask[unfinished];
            task.childrenLeft = unfinished;
            for (int i = unfinished - 1; i >= 0; i--) {
                Chunk one = chunk.slice(received + i, received + i + 1);
                byte[] payload = Serializability.encodeOrExplain(settings.codec()::encode, one, "an element",
                        "a worker process");
                ProcessTask child = new ProcessTask(this, nextId(), one, payload, null, task, i);
                if (retryRest) {
                    child.attempts = task.attempts + 1;
                }
                task.children[i] = child;
                queue.addFirst(child);
            }
            return;
        }
        if (task.attempts < settings.retries()) {
            task.attempts++;
            log.info("{}: running {} again after its worker died (attempt {} of {})", name, task,
                    task.attempts + 1, settings.retries() + 1);
            queue.addFirst(task);
            return;
        }
        long index = chunk == null ? TaskFailedException.NO_INDEX : chunk.firstIndex() + received;
        String what = chunk == null ? "the task" : "element " + index;
        WorkerCrashedException crash = crash(what + " failed: worker " + w.number + " (pid " + w.pid + ") "
                + (why != null ? "was killed: " + why : "died") + " while running it", index, exit, tail);
        if (chunk != null && chunk.isOutcomes() && task.parent == null) {
            List<Object> all = task.partial == null ? new ArrayList<>() : new ArrayList<>(task.partial);
            task.partial = null;
            all.add(Outcome.failure(index, crash));
            outcomes.add(new Object[] {task, all, null});
        } else {
            task.partial = null;
            outcomes.add(new Object[] {task, null, crash});
        }
    }

    private static WorkerCrashedException crash(String message, long index, int exit, List<String> tail) {
        int signal = exit > 128 && exit < 160 ? exit - 128 : 0;
        return new WorkerCrashedException(message + " (exit code " + exit + (signal > 0 ? ", signal " + signal : "")
                + (tail.isEmpty() ? "" : "; last stderr line: " + tail.get(tail.size() - 1)) + ")", index, exit,
                signal, tail);
    }

    private void count(String reason) {
        replaced.merge(reason, 1L, Long::sum);
    }

    // ---- cancellation

    /** Stops a task that was cancelled or timed out (called by the task once). */
    void stop(ProcessTask task, boolean mayInterrupt) {
        // frames are written outside the pool's lock: a writer holds a worker's write lock, then takes the pool's
        WorkerProcess killNow = null;
        String killWhy = null;
        WorkerProcess cancelOn = null;
        List<ProcessTask> children = List.of();
        synchronized (lock) {
            if (task.children != null) {
                children = new ArrayList<>(Arrays.asList(task.children));
                task.childResults = null;
                task.children = null;
                task.stopped();
            } else if (queue.remove(task)) {
                task.stopped();
                return;
            } else {
                WorkerProcess w = task.worker;
                if (w == null) {
                    task.stopped();
                    return;
                }
                if (w.assigned.peekFirst() != task) {
                    if (w.outbox.remove(task)) {
                        // never written: forget it
                        w.assigned.remove(task);
                        task.worker = null;
                        task.stopped();
                        return;
                    }
                    cancelOn = w; // in the worker's queue: it drops it and answers CANCELLED
                } else if (task.status() == Task.Status.FAILED && task.exceptionNow() instanceof TaskTimeoutException) {
                    killNow = w;
                    killWhy = "timed out: " + task.exceptionNow().getMessage();
                } else if (mayInterrupt) {
                    cancelOn = w; // interrupts the task; the worker is killed if the task ignores that
                    schedule(() -> {
                        if (isRunningOn(task, w)) {
                            kill(w, "cancelled task ignored its interrupt for " + CANCEL_GRACE_MILLIS + " ms");
                        }
                    }, TimeUnit.MILLISECONDS.toNanos(CANCEL_GRACE_MILLIS));
                }
            }
        }
        for (ProcessTask child : children) {
            if (child != null) {
                child.cancel(true);
            }
        }
        if (cancelOn != null) {
            cancelOn.sendControl(Frames.CANCEL, task.id);
        }
        if (killNow != null) {
            kill(killNow, killWhy);
        }
    }

    // ---- health and close

    /** Returns {alive, started, replaced by reason}. */
    public Object[] health() {
        synchronized (lock) {
            int alive = 0;
            for (WorkerProcess w : workers) {
                if (!w.dead && w.process.isAlive()) {
                    alive++;
                }
            }
            return new Object[] {alive, started, new LinkedHashMap<>(replaced)};
        }
    }

    /** Returns the process ids of the live workers. */
    public List<Long> pids() {
        synchronized (lock) {
            List<Long> pids = new ArrayList<>();
            for (WorkerProcess w : workers) {
                if (!w.dead) {
                    pids.add(w.pid);
                }
            }
            return pids;
        }
    }

    /**
     * Lets queued and running work finish (bounded by the close timeout), asks every worker to exit, kills those
     * that do not, and waits for every thread of the pool to end.
     */
    public void close() {
        long deadline = Timeouts.deadlineAfter(settings.closeTimeout());
        List<ProcessTask> abandoned = new ArrayList<>();
        synchronized (lock) {
            closing = true;
            try {
                while (!idleLocked() && deadline - System.nanoTime() > 0) {
                    lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            terminated = true;
            abandoned.addAll(queue);
            queue.clear();
            for (WorkerProcess w : workers) {
                abandoned.addAll(w.assigned);
                w.retiring = true;
            }
        }
        List<WorkerProcess> all;
        synchronized (lock) {
            all = new ArrayList<>(allWorkers);
        }
        for (WorkerProcess w : all) {
            w.sendControl(Frames.SHUTDOWN, 0);
            try {
                w.stdin.close();
            } catch (IOException e) {
                // already closed
            }
        }
        long exitDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (WorkerProcess w : all) {
            try {
                long left = exitDeadline - System.nanoTime();
                if (left <= 0 || !w.process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    log.warn("{}: {} did not exit when asked; killing it", name, w);
                    w.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                w.process.destroyForcibly();
            }
        }
        for (WorkerProcess w : all) {
            try {
                w.process.waitFor(5, TimeUnit.SECONDS);
                w.reader.join(5_000);
                w.stderrPump.join(5_000);
                w.stopWriter();
                w.writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ProcessTask t : abandoned) {
            t.fail(new ModelClosedException(settings.modelName()));
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(this);
        log.info("{}: closed; {} workers were started in all", name, started);
    }

    private boolean idleLocked() {
        if (!queue.isEmpty()) {
            return false;
        }
        for (WorkerProcess w : workers) {
            if (!w.assigned.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private void killAll() {
        List<WorkerProcess> all;
        synchronized (lock) {
            all = new ArrayList<>(allWorkers);
        }
        for (WorkerProcess w : all) {
            w.process.destroyForcibly();
        }
    }
}
