package io.github.execmodels.process.internal;

import io.github.execmodels.internal.Timeouts;
import io.github.execmodels.Job;
import io.github.execmodels.ModelClosedException;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.TaskTimeoutException;
import io.github.execmodels.process.Codec;
import io.github.execmodels.process.JavaSerializationCodec;
import io.github.execmodels.spi.Chunk;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of {@link io.github.execmodels.process.ProcessPoolModel}: starts the worker processes, hands tasks to
 * them over each worker's private {@link WorkerChannel} (at most {@link #DEPTH} per worker: one running, one
 * already in its queue, so no worker waits for the channel), reads their answers, and handles every way a worker
 * can end: asked to, killed for a timeout or a cancel, replaced after {@code maxTasksPerWorker}, crashed, broke
 * the protocol, failed or timed out in its initializer, or never started (then the next start backs off).
 *
 * <p>Thread safe: the scheduling state is guarded by {@link #lock}; each worker has a reader thread (which
 * accepts its connection), a writer thread (the only one that writes its channel), and a thread for each of its
 * stdout and stderr; one timer thread runs timeouts, delayed kills and delayed restarts.
 */
public final class WorkerPool {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    /** Tasks held by one worker: the running one and the next. */
    static final int DEPTH = 2;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    /** After this many failed starts in a row, with no worker ready, new work fails at once with the cause. */
    static final int UNHEALTHY_AFTER = 3;
    /** How long a worker may take to connect to its channel before it is killed as a failed start. */
    private static final long CONNECT_TIMEOUT_MILLIS = 60_000;
    /** How long after a worker's exit its channel may stay open (only if a descendant inherited it). */
    private static final long EXIT_GRACE_MILLIS = 2_000;

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
    private final WorkerLauncher launcher;
    private final CrashRecovery recovery;
    private final Cancellation cancellation;
    private final Object lock = new Object();
    private final ArrayDeque<ProcessTask> queue = new ArrayDeque<>(); // guarded by lock
    private final List<WorkerProcess> workers = new ArrayList<>(); // guarded by lock
    private final List<WorkerProcess> allWorkers = new ArrayList<>(); // guarded by lock; for close
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger workerNumbers = new AtomicInteger();

    // guarded by lock
    private boolean closing;
    private boolean terminated;
    private int pendingSpawns;
    private int consecutiveStartFailures;
    /** Why the last start failed, for the work that fails because no worker could start. */
    private Throwable lastStartFailure;
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
        try {
            this.launcher = new WorkerLauncher(settings);
        } catch (IOException e) {
            timer.shutdownNow();
            throw new UncheckedIOException("cannot create a private folder for the workers' channels under "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
        this.recovery = new CrashRecovery(this, name, settings, lock, queue);
        this.cancellation = new Cancellation(this, lock, queue);
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
        Throwable noWorker = null;
        synchronized (lock) {
            if (closing) {
                throw new ModelClosedException(settings.modelName());
            }
            if (consecutiveStartFailures >= UNHEALTHY_AFTER && workers.stream().noneMatch(w -> w.ready)) {
                noWorker = lastStartFailure;
            } else {
                queue.addLast(task);
                dispatchLocked(toFlush);
            }
        }
        flush(toFlush);
        if (noWorker != null) {
            task.fail(CrashRecovery.startFailure(task, noWorker));
        }
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
        WorkerProcess w = task.worker;
        if (!task.begin()) {
            if (task.isCancelled()) {
                // its cancel reached the worker as it took the task: the worker drops it or is killed
                cancellation.armCancelKillLocked(task, w);
            }
            return;
        }
        if (task.timeout != null && task.parent == null && !(task.job instanceof Chunk)) {
            task.timer = schedule(() -> {
                if (cancellation.isRunningOn(task, w)) {
                    task.abort(new TaskTimeoutException("task ran past its time limit of " + task.timeout
                            + "; its worker (pid " + w.pid + ") was killed", task.timeout,
                            TaskFailedException.NO_INDEX));
                }
            }, Timeouts.clampedNanos(task.timeout));
        }
    }

    /**
     * Has the writer thread of each worker write the tasks handed to it: the thread that dispatched them (a map's
     * own thread, usually) goes on at once instead of waiting, frame after frame, for a busy worker to drain its
     * channel.
     */
    private void flush(List<WorkerProcess> toFlush) {
        for (WorkerProcess w : toFlush) {
            w.wakeWriter();
        }
    }

    /** The writer thread of one worker: writes the frames of its outbox, in order, until the worker has ended. */
    private void write(WorkerProcess w) {
        try {
            // written here, not under the pool's lock: a large initializer must not stall readers and timers
            Frames.write(w.out, Frames.INIT, 0, initFrame);
            w.out.flush();
            while (w.awaitWriterWork()) {
                while (true) {
                    WorkerProcess.ControlFrame control;
                    while ((control = w.controls.poll()) != null) {
                        Frames.write(w.out, control.type(), control.id(), null);
                    }
                    ProcessTask task;
                    synchronized (lock) {
                        task = w.outbox.pollFirst();
                    }
                    if (task == null) {
                        break;
                    }
                    Frames.write(w.out, Frames.TASK, task.id, task.payload);
                }
                w.out.flush();
            }
        } catch (IOException e) {
            log.debug("{}: write failed ({}); its reader handles the exit", w, e.toString());
        }
    }

    // ---- workers

    private void spawnLocked() {
        int number = workerNumbers.incrementAndGet();
        WorkerLauncher.Launch launch;
        try {
            launch = launcher.launch(number);
        } catch (IOException e) {
            log.debug("{}: cannot start a worker with {}: {}", name, settings.command(), e.toString());
            startFailedLocked(e);
            return;
        }
        Process process = launch.process();
        WorkerChannel channel = launch.channel();
        WorkerProcess w = new WorkerProcess(number, process, channel);
        w.archiveDump = launch.archiveDump();
        workers.add(w);
        allWorkers.add(w);
        started++;
        log.info("{}: started worker {} (pid {})", name, number, w.pid);
        w.reader = daemon(() -> read(w), name + "-worker-" + number + "-reader");
        w.writer = daemon(() -> write(w), name + "-worker-" + number + "-writer");
        w.stdoutPump = daemon(w::pumpStdout, name + "-worker-" + number + "-stdout");
        w.stderrPump = daemon(w::pumpStderr, name + "-worker-" + number + "-stderr");
        w.reader.start();
        w.stdoutPump.start();
        w.stderrPump.start();
        schedule(() -> {
            if (!w.channelOpen) {
                kill(w, ExitReason.START_FAILED, "it did not connect within " + CONNECT_TIMEOUT_MILLIS + " ms");
            }
        }, TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MILLIS));
        // its end of the channel closes when it exits, unless a descendant inherited it: watch the process too
        // (a worker that never connected is done with at once; one that did may have answers left to read)
        process.onExit().thenRun(() -> schedule(channel::close, channel.isConnected()
                ? TimeUnit.MILLISECONDS.toNanos(EXIT_GRACE_MILLIS) : 0));
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    /** A worker could not be started, or ended before it was ready: back off, and fail work none can take. */
    private void startFailedLocked(Throwable why) {
        lastStartFailure = why;
        List<ProcessTask> failed = new ArrayList<>();
        if (workers.stream().noneMatch(x -> x.ready)) {
            failed.addAll(queue);
            queue.clear();
        }
        if (!terminated) {
            scheduleRespawnLocked(why);
        }
        if (!failed.isEmpty()) {
            // completed on the timer thread, not under the lock (a task's callbacks may call into the pool)
            schedule(() -> failed.forEach(t -> t.fail(CrashRecovery.startFailure(t, why))), 0);
        }
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

    ScheduledFuture<?> schedule(Runnable action, long delayNanos) {
        try {
            return timer.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("{}: closed; not scheduling {}", name, action);
            return null;
        }
    }

    /** The reader thread of one worker: reads its frames until it ends, then handles the end. */
    private void read(WorkerProcess w) {
        try {
            w.channel.accept();
        } catch (IOException e) {
            log.debug("{}: never connected ({})", w, e.toString());
            ended(w);
            return;
        }
        w.connected();
        w.channelOpen = true;
        Duration initLimit = settings.initializer() != null ? settings.taskTimeout() : null;
        if (initLimit != null) {
            schedule(() -> {
                boolean ready;
                synchronized (lock) {
                    ready = w.ready;
                }
                if (!ready) {
                    kill(w, ExitReason.TIMED_OUT, "its initializer ran past the time limit of " + initLimit);
                }
            }, Timeouts.clampedNanos(initLimit));
        }
        w.writer.start();
        DataInputStream in = new DataInputStream(new BufferedInputStream(w.channel.in(), 1 << 16));
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
            kill(w, ExitReason.PROTOCOL_ERROR, "it broke the protocol: " + e.getMessage());
        } catch (EOFException e) {
            log.debug("{}: {}", w, e.getMessage());
        } catch (IOException | RuntimeException e) {
            kill(w, ExitReason.KILLED, "reading its answers failed: " + e);
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
            task.cancelTimer();
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
            recovery.finish(task, null, failure);
        } else {
            recovery.finish(task, result, null);
        }
    }

    /** Asks a worker that has done its share to exit, and starts another in its place. */
    private void retireLocked(WorkerProcess w, String why) {
        w.retiring = true;
        w.killReason = why;
        w.exitReason = ExitReason.MAX_TASKS;
        log.info("{}: retiring {}: {}", name, w, why);
        count(ExitReason.MAX_TASKS);
        schedule(() -> w.sendControl(Frames.SHUTDOWN, 0), 0); // not under the pool's lock
        workers.remove(w);
        if (!terminated) {
            spawnLocked();
        }
    }

    /** Kills a worker; its reader thread then sees the end and handles its tasks. */
    void kill(WorkerProcess w, ExitReason reason, String why) {
        synchronized (lock) {
            if (w.killReason == null) {
                w.killReason = why;
                w.exitReason = reason;
            }
        }
        log.info("{}: killing {}: {}", name, w, why);
        w.process.destroyForcibly();
    }

    /** Called once per worker, by its reader thread, when its channel ended (or never opened). */
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
        w.channel.close();
        List<String> tail = w.tail();
        List<Completion> outcomes = new ArrayList<>();
        List<WorkerProcess> toFlush = new ArrayList<>();
        synchronized (lock) {
            w.dead = true;
            w.stopWriter();
            workers.remove(w);
            boolean expected = w.retiring || terminated;
            // a worker that was never ready ran none of its tasks; its death is a failed start, whatever the cause
            boolean startFailure = !w.ready && !expected;
            if (expected) {
                log.info("{}: {} exited with code {}", name, w, exit);
            } else {
                log.warn("{}: {} exited with code {}{}{}", name, w, exit,
                        w.killReason == null ? "" : " after it was killed: " + w.killReason,
                        tail.isEmpty() ? "" : "; last lines of its output: " + tail);
                count(w.initFailure != null ? ExitReason.INITIALIZER_FAILED : w.exitReason != null ? w.exitReason
                        : startFailure ? ExitReason.START_FAILED : ExitReason.CRASHED);
            }
            // the first task was running; the others were waiting in the worker's queue and never started
            ProcessTask head = w.assigned.pollFirst();
            List<ProcessTask> waiting = new ArrayList<>(w.assigned);
            w.assigned.clear();
            w.outbox.clear();
            Throwable startCause = startFailure ? recovery.startCause(w, exit, tail) : null;
            for (int i = waiting.size() - 1; i >= 0; i--) {
                ProcessTask t = waiting.get(i);
                t.worker = null;
                t.cancelTimer();
                if (t.isDone()) {
                    t.stopped();
                } else if (startFailure) {
                    outcomes.add(new Completion(t, null, CrashRecovery.startFailure(t, startCause)));
                } else {
                    queue.addFirst(t);
                }
            }
            if (head != null) {
                head.worker = null;
                head.cancelTimer();
                if (head.isDone()) {
                    head.stopped();
                } else if (startFailure) {
                    outcomes.add(0, new Completion(head, null, CrashRecovery.startFailure(head, startCause)));
                } else {
                    recovery.crashedLocked(head, w, exit, tail, w.killReason, outcomes);
                }
            }
            if (startFailure) {
                startFailedLocked(startCause);
            } else if (!terminated && !w.retiring) {
                spawnLocked();
            }
            dispatchLocked(toFlush);
            lock.notifyAll();
        }
        flush(toFlush);
        for (Completion o : outcomes) {
            recovery.finish(o.task(), o.value(), o.failure());
        }
        synchronized (lock) {
            allWorkers.remove(w);
        }
        if (w.archiveDump != null) {
            launcher.archiveWritten(w.archiveDump);
        }
    }

    private void count(ExitReason reason) {
        replaced.merge(reason.label(), 1L, Long::sum);
    }

    // ---- cancellation

    /** Stops a task that was cancelled or timed out (called by the task once). */
    void stop(ProcessTask task, boolean mayInterrupt) {
        cancellation.stop(task, mayInterrupt);
    }

    // ---- health and close

    /** Returns the state of the workers now. */
    public HealthSnapshot health() {
        synchronized (lock) {
            int alive = 0;
            for (WorkerProcess w : workers) {
                if (!w.dead && w.process.isAlive()) {
                    alive++;
                }
            }
            boolean healthy = consecutiveStartFailures == 0 || workers.stream().anyMatch(w -> w.ready && !w.dead);
            return new HealthSnapshot(alive, started, new LinkedHashMap<>(replaced), healthy);
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
            w.sendControl(Frames.SHUTDOWN, 0); // never blocks: the writer thread sends it
        }
        // a worker gets up to 2 s to exit (to write its class data archive), but close ends within a second
        // after its timeout whatever the workers or any lock do
        long now = System.nanoTime();
        long exitDeadline = now + Math.min(TimeUnit.SECONDS.toNanos(2),
                Math.max(TimeUnit.MILLISECONDS.toNanos(250), deadline + TimeUnit.MILLISECONDS.toNanos(600) - now));
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
            w.channel.close(); // ends a writer blocked on a worker that reads nothing
        }
        long joinDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        for (WorkerProcess w : all) {
            try {
                w.process.waitFor(1, TimeUnit.SECONDS);
                w.stopWriter();
                for (Thread t : new Thread[] {w.reader, w.writer, w.stdoutPump, w.stderrPump}) {
                    // a pump may wait for a descendant of the worker that holds its output: not forever
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime())));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ProcessTask t : abandoned) {
            t.fail(new ModelClosedException(settings.modelName()));
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        launcher.close();
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
        launcher.close(); // the JVM is exiting: leave no channel folder behind
    }
}
