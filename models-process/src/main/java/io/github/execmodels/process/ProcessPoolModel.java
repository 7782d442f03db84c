package io.github.execmodels.process;

import static io.github.execmodels.internal.Checks.requireNonNegative;
import static io.github.execmodels.internal.Checks.requirePositive;
import static io.github.execmodels.internal.Checks.requireUnset;

import io.github.execmodels.Fn;
import io.github.execmodels.Job;
import io.github.execmodels.MapOptions;
import io.github.execmodels.Outcome;
import io.github.execmodels.process.internal.ClassDataArchives;
import io.github.execmodels.process.internal.PoolSettings;
import io.github.execmodels.process.internal.ProcessTask;
import io.github.execmodels.process.internal.WorkerLaunchPath;
import io.github.execmodels.process.internal.WorkerPool;
import io.github.execmodels.spi.AbstractExecutionModel;
import io.github.execmodels.spi.BasicTask;
import io.github.execmodels.spi.Chunk;
import io.github.execmodels.spi.Serializability;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The process model: a pool of worker JVMs, started with {@link ProcessBuilder} from the parent's own {@code java},
 * that run jobs and the chunks of a {@code map} in isolation: a task cannot corrupt the parent's memory, and a
 * worker that dies takes only its own tasks with it.
 *
 * <pre>{@code
 * try (ExecutionModel pool = Models.processes(2)) {
 *     List<Boolean> primes = pool.map(Primes::isPrime, numbers);
 * }
 * }</pre>
 *
 * <p>Work crosses a pipe: jobs, functions, elements and results are encoded with the {@link Codec} (Java
 * serialization with a filter, by default), so they must be serializable. That is checked on the calling thread
 * before any worker sees the work: {@code submit} and {@code map} throw {@link IllegalArgumentException} naming the
 * offending class, and for a lambda the captured variable. Use {@link CodecCheckingModel} to find such problems in a
 * unit test without starting processes. Side effects in the workers (static fields, files opened) stay in the
 * workers.
 *
 * <p>Failures: an exception thrown by a task reaches the caller as a {@link io.github.execmodels.TaskFailedException}
 * whose cause is the rebuilt exception with its remote stack trace, or a {@link io.github.execmodels.RemoteTaskException}
 * when it cannot be rebuilt. A worker that dies fails only the task it was running, with
 * {@link io.github.execmodels.WorkerCrashedException}, and is replaced; the unfinished elements of a chunk it held are
 * run again one by one on healthy workers, so the element that kills its worker is named and the others get their
 * results. {@link Builder#retries(int) Retries} apply to crashes only. A task past its
 * {@link Builder#taskTimeout(Duration) time limit} is stopped by killing its worker. {@code cancel(true)} interrupts
 * the running task in its worker, and kills the worker if the task ignores the interrupt for a second.
 *
 * <p>Departures from {@link java.util.concurrent.ExecutorService}: memory effects of a task are not visible to the
 * caller (there is no shared memory); the happens-before edges of {@code submit} and {@code map} hold between the
 * caller's actions before the call and the encoding of the work, and between the decoding of a result and the
 * caller's actions after it is returned.
 *
 * <p>Thread safe: any number of threads may submit and map at once.
 *
 * @since 0.1
 */
public final class ProcessPoolModel extends AbstractExecutionModel {

    private final PoolSettings settings;
    private final WorkerPool pool;

    private ProcessPoolModel(PoolSettings settings) {
        super(settings.modelName(), settings.workers());
        this.settings = settings;
        this.pool = new WorkerPool(settings);
    }

    /**
     * Returns a new builder.
     *
     * @return a builder with every property unset
     * @since 0.1
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <R> BasicTask<R> start(Job<R> job) {
        byte[] payload = Serializability.encodeOrExplain(settings.codec()::encode, job,
                job instanceof Chunk ? "the function or an element of the map" : "the job", "a worker process");
        ProcessTask task = pool.newTask(job, payload);
        pool.submit(task);
        return (BasicTask<R>) (BasicTask<?>) task;
    }

    @Override
    protected void shutdown() {
        pool.close();
    }

    /** Chunks of tens of milliseconds: handing one to a worker costs a pipe round trip and its encoding. */
    @Override
    protected long targetChunkNanos() {
        return TimeUnit.MILLISECONDS.toNanos(50);
    }

    @Override
    public <T, R> List<R> map(Fn<? super T, ? extends R> fn, Iterable<? extends T> data, MapOptions options) {
        return super.map(fn, data, withDefaults(options));
    }

    @Override
    public <T, R> List<Outcome<R>> mapOutcomes(Fn<? super T, ? extends R> fn, Iterable<? extends T> data,
            MapOptions options) {
        return super.mapOutcomes(fn, data, withDefaults(options));
    }

    @Override
    public <T, R> Stream<R> imap(Fn<? super T, ? extends R> fn, Iterable<? extends T> data, MapOptions options) {
        return super.imap(fn, data, withDefaults(options));
    }

    @Override
    public <T, R> Stream<R> imapUnordered(Fn<? super T, ? extends R> fn, Iterable<? extends T> data,
            MapOptions options) {
        return super.imapUnordered(fn, data, withDefaults(options));
    }

    /** Applies the builder's task timeout to a map whose options name none. */
    private MapOptions withDefaults(MapOptions options) {
        if (options == null || settings.taskTimeout() == null || options.taskTimeout().isPresent()) {
            return options;
        }
        MapOptions.Builder b = MapOptions.builder().taskTimeout(settings.taskTimeout());
        options.chunkSize().ifPresent(b::chunkSize);
        options.window().ifPresent(b::window);
        options.timeout().ifPresent(b::timeout);
        options.progress().ifPresent(b::progress);
        return b.build();
    }

    /**
     * Returns a snapshot of the workers: how many are alive, started, and replaced by reason.
     *
     * @return the snapshot
     * @since 0.1
     */
    @SuppressWarnings("unchecked")
    public PoolHealth health() {
        Object[] h = pool.health();
        return new PoolHealth((Integer) h[0], settings.workers(), (Long) h[1], (Map<String, Long>) h[2]);
    }

    /**
     * Returns the process ids of the live workers, for monitoring and tests.
     *
     * @return the pids, in the order the workers were started
     * @since 0.1
     */
    public List<Long> workerPids() {
        return pool.pids();
    }

    /**
     * Returns the command line a worker is started with (the parent's pid is appended to it).
     *
     * @return an unmodifiable list: java, the JVM options, the class path and the worker's main class
     * @since 0.1
     */
    public List<String> workerCommand() {
        return settings.command();
    }

    /**
     * Builds a {@link ProcessPoolModel}. Each property may be set once (a second call throws
     * {@link IllegalStateException}); {@link #build()} copies the settings, so one builder may build many pools.
     *
     * <p>Not thread safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        /** Options every worker gets first; {@link #jvmOptions(List)} may override them. */
        private static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr", "-Xlog:disable",
                "-Xlog:all=warning,cds*=off:stderr", "-Xshare:auto");

        private int workers;
        private List<String> jvmOptions;
        private String classPath;
        private Map<String, String> environment;
        private Path directory;
        private Codec codec;
        private int retries = -1;
        private Duration taskTimeout;
        private int maxTasksPerWorker = -1;
        private Job<?> initializer;
        private long maxFrameBytes = -1;
        private Duration closeTimeout;
        private Boolean classDataSharing;

        private Builder() {
        }

        /**
         * Sets the number of worker processes.
         *
         * @param workers the number; by default the number of available processors
         * @return this builder
         * @throws IllegalArgumentException if {@code workers < 1}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder workers(int workers) {
            requireUnset(this.workers == 0, "workers");
            this.workers = requirePositive(workers, "workers");
            return this;
        }

        /**
         * Sets options for the workers' JVMs, such as {@code -Xmx512m}; they come after the defaults
         * ({@code -XX:+UseSerialGC -XX:-UsePerfData -XX:+ExitOnOutOfMemoryError -XX:+DisplayVMOutputToStderr
         * -Xshare:auto}) and so may override them.
         *
         * @param options the options
         * @return this builder
         * @throws NullPointerException if an option is {@code null}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder jvmOptions(List<String> options) {
            requireUnset(jvmOptions == null, "jvmOptions");
            List<String> copy = new ArrayList<>();
            for (String o : options) {
                copy.add(Objects.requireNonNull(o, "option"));
            }
            this.jvmOptions = copy;
            return this;
        }

        /**
         * Sets the workers' class path. By default it is the parent's ({@code java.class.path}); the jars (or class
         * folders) of this library are added when missing. Set it when the parent runs from a fat jar whose nested
         * jars the JVM cannot read, or in a container where the parent's path does not exist. When the parent runs
         * this library from the module path and no class path is set, the workers get the parent's module path (and
         * class path) and resolve every module on it.
         *
         * @param classPath entries separated by {@link File#pathSeparator}
         * @return this builder
         * @throws NullPointerException if {@code classPath} is {@code null}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder classPath(String classPath) {
            requireUnset(this.classPath == null, "classPath");
            this.classPath = Objects.requireNonNull(classPath, "classPath");
            return this;
        }

        /**
         * Sets variables added to the workers' environment (which is otherwise the parent's).
         *
         * @param environment the variables
         * @return this builder
         * @throws NullPointerException if a name or value is {@code null}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder environment(Map<String, String> environment) {
            requireUnset(this.environment == null, "environment");
            Map<String, String> copy = new LinkedHashMap<>();
            environment.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "name"), Objects.requireNonNull(v, k)));
            this.environment = copy;
            return this;
        }

        /**
         * Sets the workers' working directory.
         *
         * @param directory an existing directory; by default the parent's working directory
         * @return this builder
         * @throws NullPointerException if {@code directory} is {@code null}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder directory(Path directory) {
            requireUnset(this.directory == null, "directory");
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Sets the codec for everything that crosses the pipe.
         *
         * @param codec the codec; by default {@link JavaSerializationCodec#defaults()}
         * @return this builder
         * @throws NullPointerException if {@code codec} is {@code null}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder codec(Codec codec) {
            requireUnset(this.codec == null, "codec");
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Sets how many times a task whose worker died is run again on another worker. Exceptions thrown by the
         * task's own code are never retried.
         *
         * @param retries the number of retries; 0 by default
         * @return this builder
         * @throws IllegalArgumentException if {@code retries < 0}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder retries(int retries) {
            requireUnset(this.retries < 0, "retries");
            this.retries = requireNonNegative(retries, "retries");
            return this;
        }

        /**
         * Sets the time limit of each submitted job and each element of a map whose options name none. A task past
         * it fails with {@link io.github.execmodels.TaskTimeoutException} and its worker is killed and replaced.
         *
         * @param taskTimeout the limit; none by default
         * @return this builder
         * @throws IllegalArgumentException if {@code taskTimeout} is zero or negative
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder taskTimeout(Duration taskTimeout) {
            requireUnset(this.taskTimeout == null, "taskTimeout");
            this.taskTimeout = requirePositive(taskTimeout, "taskTimeout");
            return this;
        }

        /**
         * Sets how many tasks (jobs or chunks of a map) a worker runs before it is replaced by a fresh one, to
         * bound leaks in the code it runs.
         *
         * @param maxTasksPerWorker the limit; none by default
         * @return this builder
         * @throws IllegalArgumentException if {@code maxTasksPerWorker < 1}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder maxTasksPerWorker(int maxTasksPerWorker) {
            requireUnset(this.maxTasksPerWorker < 0, "maxTasksPerWorker");
            this.maxTasksPerWorker = requirePositive(maxTasksPerWorker, "maxTasksPerWorker");
            return this;
        }

        /**
         * Sets a job run once in each worker when it starts, before its first task. If it throws, the tasks
         * waiting for that worker fail with a {@link io.github.execmodels.TaskFailedException} whose cause is the
         * initializer's exception, and the pool starts the next worker only after a growing delay (a quarter of a
         * second, doubling up to 30 s) instead of restarting workers in a loop.
         *
         * @param initializer the job; its result is ignored
         * @return this builder
         * @throws NullPointerException if {@code initializer} is {@code null}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder initializer(Job<?> initializer) {
            requireUnset(this.initializer == null, "initializer");
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * Sets the largest frame either side accepts; a worker that sends a larger one is killed and its task
         * fails. Keep it above the largest job or result.
         *
         * @param maxFrameBytes the limit; 512 MiB by default
         * @return this builder
         * @throws IllegalArgumentException if {@code maxFrameBytes < 1024}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder maxFrameBytes(long maxFrameBytes) {
            requireUnset(this.maxFrameBytes < 0, "maxFrameBytes");
            if (maxFrameBytes < 1024 || maxFrameBytes > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("maxFrameBytes: " + maxFrameBytes + " (expected: 1024 to 2 GiB)");
            }
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        /**
         * Sets how long {@code close()} lets queued and running work finish before it kills the workers.
         *
         * @param closeTimeout the bound; 30 s by default
         * @return this builder
         * @throws IllegalArgumentException if {@code closeTimeout} is negative
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder closeTimeout(Duration closeTimeout) {
            requireUnset(this.closeTimeout == null, "closeTimeout");
            this.closeTimeout = requireNonNegative(closeTimeout, "closeTimeout");
            return this;
        }

        /**
         * Sets whether the workers share class data through an archive, to start faster. When on (the default)
         * and the class path consists of jar files only, the first worker writes a dynamic class data archive to
         * a folder under {@code java.io.tmpdir} when it exits normally, and later workers with the same command
         * line map it. A folder on the class path (as in an IDE or a Maven test run) turns it off.
         *
         * @param classDataSharing {@code false} to turn it off
         * @return this builder
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder classDataSharing(boolean classDataSharing) {
            requireUnset(this.classDataSharing == null, "classDataSharing");
            this.classDataSharing = classDataSharing;
            return this;
        }

        /**
         * Starts the workers (in parallel: this returns once they are launched, not when they are ready; work
         * submitted meanwhile waits for them) and returns the pool.
         *
         * @return a new, open pool that the caller must close
         * @throws IllegalArgumentException if the codec or the initializer is not serializable
         * @since 0.1
         */
        public ProcessPoolModel build() {
            int n = workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
            List<String> command = new ArrayList<>();
            command.add(javaCommand());
            command.addAll(DEFAULT_JVM_OPTIONS);
            if (jvmOptions != null) {
                command.addAll(jvmOptions);
            }
            WorkerLaunchPath launch = WorkerLaunchPath.of(classPath);
            command.addAll(launch.arguments());
            Path archive = classDataSharing == Boolean.FALSE || launch.onModulePath() ? null
                    : ClassDataArchives.archiveFor(command, launch.classPath());
            PoolSettings settings = new PoolSettings(n, List.copyOf(command),
                    environment == null ? Map.of() : Map.copyOf(environment), directory,
                    codec != null ? codec : JavaSerializationCodec.defaults(), Math.max(0, retries), taskTimeout,
                    Math.max(0, maxTasksPerWorker), initializer, maxFrameBytes > 0 ? maxFrameBytes : 512L << 20,
                    closeTimeout != null ? closeTimeout : Duration.ofSeconds(30), archive);
            return new ProcessPoolModel(settings);
        }

        private static String javaCommand() {
            Path java = Path.of(System.getProperty("java.home"), "bin",
                    File.separatorChar == '\\' ? "java.exe" : "java");
            if (Files.isExecutable(java)) {
                return java.toString();
            }
            return ProcessHandle.current().info().command().orElse("java");
        }
    }
}
