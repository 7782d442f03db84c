package io.github.execmodels.hazelcast.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import io.github.execmodels.Job;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.WorkerCrashedException;
import io.github.execmodels.spi.BasicTask;
import io.github.execmodels.spi.Chunk;
import io.github.execmodels.spi.Serializability;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends jobs to the members of a cluster and turns their answers into task outcomes.
 *
 * <p>Each job goes to the least loaded member that is not known to be lost ({@link MemberLoad}). Hazelcast
 * serializes it on the calling thread, so work that cannot be serialized fails there, before anything is sent,
 * with {@link Serializability}'s diagnosis. A member's answer is the job's result or a {@link RemoteFailure}. Any
 * other failure of the invocation means the member (or the connection to it) is gone: the job is sent again to
 * another member while it has retries left (it may then have run twice: at-least-once), else it fails with a
 * {@link WorkerCrashedException} that names the member's address.
 *
 * <p>Thread safe.
 */
public final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final String name;
    private final HazelcastInstance instance;
    private final IExecutorService executor;
    private final IExecutorService control;
    private final int retries;
    private final MemberLoad load;
    private final UUID modelId = UUID.randomUUID();
    private final AtomicLong jobNumbers = new AtomicLong();
    private final ClassLoader loader;

    /**
     * Creates a dispatcher.
     *
     * @param name the model's name, for messages
     * @param instance the member or client to send through
     * @param executorName the executor that runs jobs on the members
     * @param retries how many times a job whose member was lost is sent again
     */
    public Dispatcher(String name, HazelcastInstance instance, String executorName, int retries) {
        this.name = name;
        this.instance = instance;
        this.executor = instance.getExecutorService(executorName);
        this.control = instance.getExecutorService(executorName + ".control");
        this.retries = retries;
        this.load = new MemberLoad(instance.getCluster());
        this.loader = classLoader(instance);
    }

    /** The class loader the instance reads user classes with: a member's configured one, else this library's. */
    private static ClassLoader classLoader(HazelcastInstance instance) {
        try {
            ClassLoader configured = instance.getConfig().getClassLoader();
            if (configured != null) {
                return configured;
            }
        } catch (UnsupportedOperationException e) {
            // a client's configuration cannot be read back
        }
        return Dispatcher.class.getClassLoader();
    }

    /**
     * Returns the name of the instance's cluster, for messages.
     *
     * @param instance a member or a client
     * @return the cluster's name, or the instance's when a client cannot tell it
     */
    public static String clusterName(HazelcastInstance instance) {
        try {
            return instance.getConfig().getClusterName();
        } catch (UnsupportedOperationException e) {
            return instance.getName();
        }
    }

    /**
     * Returns how many jobs the members can run at once: the sum of their executors' threads.
     *
     * @param timeout how long to wait for the members' answers
     * @return at least the number of members, at least 1
     */
    public int parallelism(Duration timeout) {
        int total = 0;
        int members = 0;
        for (Member member : instance.getCluster().getMembers()) {
            if (member.isLiteMember()) {
                continue;
            }
            members++;
            try {
                int threads = control.submitToMember(new PoolSize(executor.getName()), member)
                        .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                load.setThreads(member, threads);
                total += threads;
            } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
                log.warn("{}: member {} did not tell its executor's size: {}", name, address(member), e.toString());
                total++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while asking the members for their size", e);
            }
        }
        return Math.max(1, Math.max(total, members));
    }

    /**
     * Sends {@code job} to a member.
     *
     * @return its task
     * @throws IllegalArgumentException if the job cannot be serialized
     * @throws RejectedExecutionException if no member is available
     */
    public <R> BasicTask<R> start(Job<R> job) {
        ClusterTask<R> task = new ClusterTask<>(this, job, new RunningJobs.Id(modelId, jobNumbers.incrementAndGet()));
        task.markStarted();
        send(task, true);
        return task;
    }

    /** Returns the number of jobs sent and not yet answered. */
    public int inFlight() {
        return load.total();
    }

    @SuppressWarnings("unchecked")
    private void send(ClusterTask<?> task, boolean first) {
        Member member = load.pick();
        if (member == null) {
            throw new RejectedExecutionException(name + ": no member of the cluster is available (members: "
                    + instance.getCluster().getMembers() + ", lost: " + load.lostAddresses() + ")");
        }
        Future<Object> future;
        load.add(member);
        // Hazelcast may lose an invocation made while the thread's interrupt flag is set (a map's caller interrupted
        // while it hands out chunks): send with the flag clear, and set it again for the caller to see
        boolean interrupted = Thread.interrupted();
        try {
            future = executor.submitToMember(new RemoteJob(task.id(), task.job()), member);
        } catch (HazelcastSerializationException e) {
            load.remove(member);
            if (first) {
                throw Serializability.cannotSend(task.job() instanceof Chunk ? "the function or an element of the map"
                        : "the job", "the cluster", task.job(), e);
            }
            throw e;
        } catch (RuntimeException e) {
            load.remove(member);
            throw new RejectedExecutionException(name + ": cannot send work to the cluster: " + e, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        int attempt = task.sent(member, future);
        ((CompletionStage<Object>) future).whenComplete((value, failure) -> answered(task, member, attempt,
                value, failure));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void answered(ClusterTask task, Member member, int attempt, Object value, Throwable failure) {
        load.remove(member);
        if (task.isDone()) { // cancelled or timed out: the member has stopped the job
            task.stopped();
            return;
        }
        if (failure == null) {
            if (value instanceof RemoteFailure) {
                task.fail(((RemoteFailure) value).rebuild(loader));
            } else {
                task.complete(value);
            }
            return;
        }
        Throwable cause = unwrap(failure);
        if (cause instanceof HazelcastSerializationException) {
            task.fail(new TaskFailedException("the answer of member " + address(member)
                    + " cannot be read here: " + cause, cause));
            return;
        }
        boolean memberLost = isMemberLost(cause);
        if (memberLost) {
            load.lost(member);
        }
        if (attempt <= retries) {
            log.warn("{}: {} running {} ({}); sending it again, retry {} of {}", name, memberLost
                    ? "member " + address(member) + " was lost" : "the cluster failed", task.job(), cause.toString(),
                    attempt, retries);
            try {
                send(task, false);
                return;
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
        String attempts = retries > 0 ? " after " + attempt + " attempt(s)" : "";
        if (memberLost) {
            task.fail(new WorkerCrashedException("member " + address(member) + " of the cluster was lost while"
                    + " running " + task.job() + attempts + " (" + cause + ")", TaskFailedException.NO_INDEX, -1, 0,
                    List.of()));
        } else {
            task.fail(new TaskFailedException("the cluster could not run " + task.job() + " on member "
                    + address(member) + attempts + ": " + cause, cause));
        }
    }

    /** A member's address as {@code host:port}. */
    static String address(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }

    /** Whether an invocation failed because its member left, died or could not be reached any more. */
    private static boolean isMemberLost(Throwable cause) {
        return cause instanceof MemberLeftException || cause instanceof TargetDisconnectedException
                || cause instanceof TargetNotMemberException;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t.getClass() == ExecutionException.class) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Asks the member running {@code task} to interrupt it; a lost member has stopped it already. */
    void interrupt(ClusterTask<?> task) {
        Member member = task.member();
        if (member == null) {
            return;
        }
        log.debug("{}: interrupting {}", name, task);
        boolean interrupted = Thread.interrupted(); // as in send: a cancel often comes from an interrupted caller
        try {
            control.submitToMember(new Interrupt(task.id()), member);
        } catch (RuntimeException e) {
            log.debug("{}: could not ask {} to interrupt {}: {}", name, address(member), task, e.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
