package io.github.execmodels.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.github.execmodels.Job;
import io.github.execmodels.hazelcast.internal.Dispatcher;
import io.github.execmodels.internal.Timeouts;
import io.github.execmodels.spi.AbstractExecutionModel;
import io.github.execmodels.spi.BasicTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The cluster model: jobs and the chunks of a {@code map} run on the members of a Hazelcast cluster, through a
 * Hazelcast {@link com.hazelcast.core.IExecutorService}, spread over the members and returned in input order.
 *
 * <pre>{@code
 * try (ExecutionModel cluster = HazelcastModel.builder()
 *         .clusterName("primes").members(List.of("10.0.0.1:5701", "10.0.0.2:5701")).build()) {
 *     List<Boolean> primes = cluster.map(Primes::isPrime, numbers);
 * }
 * }</pre>
 *
 * <p>The model runs on a Hazelcast instance the caller gives ({@link Builder#instance}: an embedded member or a
 * client, which closing the model leaves running), or on a client it creates from the cluster's name and member
 * addresses and shuts down on {@link #close()}. {@link #parallelism()} is the sum of the members' executor threads
 * when the model was built. The members run the code: the classes of the functions, jobs, elements and results must
 * be on every member's class path (see {@link Member}, the launcher).
 *
 * <p>Work crosses the network in Java serialization, so it must be serializable; Hazelcast serializes it on the
 * calling thread, and {@code submit} and {@code map} throw {@link IllegalArgumentException} naming the offending
 * class, and for a lambda the captured variable, before anything is sent.
 *
 * <p>Failures: an exception thrown by a task reaches the caller as a {@link io.github.execmodels.TaskFailedException}
 * whose cause is the rebuilt exception, or a {@link io.github.execmodels.RemoteTaskException} with the remote stack
 * trace when its class is not known here. A member that leaves or dies fails the jobs and chunks it was running with
 * a {@link io.github.execmodels.WorkerCrashedException} naming its address, unless {@link Builder#retries retries}
 * are set: then they run again on the members left, so a job may run more than once (at-least-once; a map still
 * returns each result once). The next call uses the members left; with none left, calls fail at once with a
 * {@link java.util.concurrent.RejectedExecutionException}. {@code cancel(true)} and timeouts interrupt the job on its
 * member; a job that ignores interrupts runs on there (Hazelcast cannot stop a thread).
 *
 * <p>Departures from {@link java.util.concurrent.ExecutorService}: memory effects of a task are not visible to the
 * caller (the work runs in another JVM, even on an embedded member, since Hazelcast serializes it); the
 * happens-before edges of {@code submit} and {@code map} hold between the caller's actions before the call and the
 * serialization of the work, and between the deserialization of a result and the caller's actions after it.
 *
 * <p>Thread safe: any number of threads may submit and map at once.
 *
 * @since 0.1
 */
public final class HazelcastModel extends AbstractExecutionModel {

    private final HazelcastInstance instance;
    private final boolean owned;
    private final Dispatcher dispatcher;
    private final Duration closeTimeout;

    private HazelcastModel(String name, int parallelism, HazelcastInstance instance, boolean owned,
            Dispatcher dispatcher, Duration closeTimeout) {
        super(name, parallelism);
        this.instance = instance;
        this.owned = owned;
        this.dispatcher = dispatcher;
        this.closeTimeout = closeTimeout;
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

    /**
     * Returns the Hazelcast instance the model sends work through: the one given to the builder, or the client the
     * model created.
     *
     * @return the instance
     * @since 0.1
     */
    public HazelcastInstance instance() {
        return instance;
    }

    @Override
    protected <R> BasicTask<R> start(Job<R> job) {
        return dispatcher.start(job);
    }

    /** Chunks of tens of milliseconds: handing one to a member costs a network round trip and its serialization. */
    @Override
    protected long targetChunkNanos() {
        return TimeUnit.MILLISECONDS.toNanos(50);
    }

    /**
     * Waits, bounded, for the work in flight (while the instance runs: work on a stopped one never answers), then
     * shuts down the client if the model created it.
     */
    @Override
    protected void shutdown() {
        long deadline = Timeouts.deadlineAfter(closeTimeout);
        boolean interrupted = false;
        while (dispatcher.inFlight() > 0 && instance.getLifecycleService().isRunning()
                && deadline - System.nanoTime() > 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        if (owned) {
            instance.shutdown();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Builds a {@link HazelcastModel}: on a Hazelcast instance ({@link #instance}), or on a client it creates
     * ({@link #members}, {@link #clusterName}). Each property may be set once (a second call throws
     * {@link IllegalStateException}); {@link #build()} copies the settings, so one builder may build many models.
     *
     * <p>Not thread safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        /** The executor's name when none is set. */
        static final String DEFAULT_EXECUTOR = "execmodels";

        private HazelcastInstance instance;
        private String clusterName;
        private List<String> members;
        private String executor;
        private int retries = -1;
        private Duration clusterTimeout;
        private Duration closeTimeout;

        private Builder() {
        }

        private static void requireUnset(boolean unset, String property) {
            if (!unset) {
                throw new IllegalStateException(property + " was already set");
            }
        }

        /**
         * Sets the Hazelcast instance to run on: an embedded member or a client that the caller owns. Closing the
         * model does not shut it down. Excludes {@link #members} and {@link #clusterName}.
         *
         * @param instance a running instance
         * @return this builder
         * @throws NullPointerException if {@code instance} is {@code null}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder instance(HazelcastInstance instance) {
            requireUnset(this.instance == null, "instance");
            this.instance = Objects.requireNonNull(instance, "instance");
            return this;
        }

        /**
         * Sets the name of the cluster the model's client joins.
         *
         * @param clusterName the name; {@code "dev"} (Hazelcast's default) when unset
         * @return this builder
         * @throws NullPointerException if {@code clusterName} is {@code null}
         * @throws IllegalArgumentException if {@code clusterName} is blank
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder clusterName(String clusterName) {
            requireUnset(this.clusterName == null, "clusterName");
            if (Objects.requireNonNull(clusterName, "clusterName").isBlank()) {
                throw new IllegalArgumentException("clusterName: \"" + clusterName + "\" (expected: not blank)");
            }
            this.clusterName = clusterName;
            return this;
        }

        /**
         * Sets the addresses of members the model's client connects to first; it learns the others from them.
         *
         * @param members addresses as {@code host:port} (or {@code host}, port 5701)
         * @return this builder
         * @throws NullPointerException if {@code members} or an address is {@code null}
         * @throws IllegalArgumentException if {@code members} is empty or an address is blank
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder members(List<String> members) {
            requireUnset(this.members == null, "members");
            List<String> copy = new ArrayList<>();
            for (String m : Objects.requireNonNull(members, "members")) {
                if (Objects.requireNonNull(m, "member address").isBlank()) {
                    throw new IllegalArgumentException("members: " + members + " (expected: host:port addresses)");
                }
                copy.add(m.trim());
            }
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("members: [] (expected: at least one host:port address)");
            }
            this.members = List.copyOf(copy);
            return this;
        }

        /**
         * Sets the name of the Hazelcast executor that runs the work on the members; its pool size on each member
         * is how many jobs that member runs at once.
         *
         * @param executor the name; {@code "execmodels"} when unset
         * @return this builder
         * @throws NullPointerException if {@code executor} is {@code null}
         * @throws IllegalArgumentException if {@code executor} is blank
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder executor(String executor) {
            requireUnset(this.executor == null, "executor");
            if (Objects.requireNonNull(executor, "executor").isBlank()) {
                throw new IllegalArgumentException("executor: \"" + executor + "\" (expected: not blank)");
            }
            this.executor = executor;
            return this;
        }

        /**
         * Sets how many times a job or chunk whose member was lost is sent again to another member. Exceptions
         * thrown by the work itself are never retried. A retried job may have run, in part or whole, on the lost
         * member: execution is at least once.
         *
         * @param retries the number of retries; 0 by default
         * @return this builder
         * @throws IllegalArgumentException if {@code retries < 0}
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder retries(int retries) {
            requireUnset(this.retries < 0, "retries");
            if (retries < 0) {
                throw new IllegalArgumentException("retries: " + retries + " (expected: >= 0)");
            }
            this.retries = retries;
            return this;
        }

        /**
         * Sets how long the model's client waits for a cluster it cannot reach (to connect at {@code build()}, to
         * reconnect after losing every member, for a member's heartbeat, for an answer to an invocation) before
         * calls fail. Ignored with {@link #instance}.
         *
         * @param clusterTimeout the bound; 30 s by default
         * @return this builder
         * @throws IllegalArgumentException if {@code clusterTimeout} is less than a second
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder clusterTimeout(Duration clusterTimeout) {
            requireUnset(this.clusterTimeout == null, "clusterTimeout");
            if (Objects.requireNonNull(clusterTimeout, "clusterTimeout").compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("clusterTimeout: " + clusterTimeout + " (expected: >= 1 s)");
            }
            this.clusterTimeout = clusterTimeout;
            return this;
        }

        /**
         * Sets how long {@code close()} waits for work in flight before it returns (and shuts down the client the
         * model created).
         *
         * @param closeTimeout the bound; 30 s by default
         * @return this builder
         * @throws IllegalArgumentException if {@code closeTimeout} is negative
         * @throws IllegalStateException if already set
         * @since 0.1
         */
        public Builder closeTimeout(Duration closeTimeout) {
            requireUnset(this.closeTimeout == null, "closeTimeout");
            if (Objects.requireNonNull(closeTimeout, "closeTimeout").isNegative()) {
                throw new IllegalArgumentException("closeTimeout: " + closeTimeout + " (expected: >= 0)");
            }
            this.closeTimeout = closeTimeout;
            return this;
        }

        /**
         * Connects (creating the client unless an instance was given), asks the members for their executors' sizes,
         * and returns the model.
         *
         * @return a new, open model that the caller must close
         * @throws IllegalStateException if both an instance and client settings were given, or the client cannot
         *     reach the cluster within the cluster timeout
         * @since 0.1
         */
        public HazelcastModel build() {
            if (instance != null && (members != null || clusterName != null)) {
                throw new IllegalStateException("instance excludes members and clusterName: give either a Hazelcast"
                        + " instance or the settings of a client to create");
            }
            Duration timeout = clusterTimeout != null ? clusterTimeout : Duration.ofSeconds(30);
            boolean owned = instance == null;
            HazelcastInstance hz = owned ? newClient(timeout) : instance;
            String executorName = executor != null ? executor : DEFAULT_EXECUTOR;
            String name = "hazelcast:" + (clusterName != null ? clusterName : Dispatcher.clusterName(hz));
            try {
                Dispatcher dispatcher = new Dispatcher(name, hz, executorName, Math.max(0, retries));
                int parallelism = dispatcher.parallelism(timeout);
                return new HazelcastModel(name, parallelism, hz, owned, dispatcher,
                        closeTimeout != null ? closeTimeout : Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                if (owned) {
                    hz.shutdown();
                }
                throw e;
            }
        }

        private HazelcastInstance newClient(Duration timeout) {
            ClientConfig config = new ClientConfig();
            config.setProperty("hazelcast.logging.type", "slf4j");
            config.setProperty("hazelcast.client.invocation.timeout.seconds",
                    String.valueOf(Math.max(1, timeout.toSeconds())));
            config.setProperty("hazelcast.client.heartbeat.timeout", String.valueOf(timeout.toMillis()));
            config.setProperty("hazelcast.client.heartbeat.interval",
                    String.valueOf(Math.min(5_000, Math.max(250, timeout.toMillis() / 4))));
            if (clusterName != null) {
                config.setClusterName(clusterName);
            }
            config.getNetworkConfig().setAddresses(new ArrayList<>(members != null ? members : List.of("127.0.0.1")));
            config.getConnectionStrategyConfig().getConnectionRetryConfig()
                    .setClusterConnectTimeoutMillis(timeout.toMillis())
                    .setMaxBackoffMillis((int) Math.min(2_000, timeout.toMillis()));
            try {
                return HazelcastClient.newHazelcastClient(config);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot reach cluster \"" + config.getClusterName() + "\" at "
                        + config.getNetworkConfig().getAddresses() + " within " + timeout + ": " + e, e);
            }
        }
    }
}
