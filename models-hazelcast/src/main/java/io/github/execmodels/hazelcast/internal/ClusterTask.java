package io.github.execmodels.hazelcast.internal;

import com.hazelcast.cluster.Member;
import io.github.execmodels.Job;
import io.github.execmodels.spi.BasicTask;
import java.util.concurrent.Future;

/**
 * A job sent to a member: the task the caller holds, plus where the job runs now and how many times it was sent.
 * A cancel asks the {@link Dispatcher} to interrupt the job on its member; the task counts as stopped when the
 * member answers (the job ended) or is lost.
 *
 * <p>Thread safe: the attempt's fields are written under the task's monitor.
 */
final class ClusterTask<R> extends BasicTask<R> {

    private final Dispatcher dispatcher;
    private final Job<R> job;
    private final RunningJobs.Id id;
    private Member member;
    private Future<Object> future;
    private int attempts;

    ClusterTask(Dispatcher dispatcher, Job<R> job, RunningJobs.Id id) {
        this.dispatcher = dispatcher;
        this.job = job;
        this.id = id;
    }

    Job<R> job() {
        return job;
    }

    RunningJobs.Id id() {
        return id;
    }

    /** Records that the job was sent to {@code member}; returns how many times it has been sent. */
    synchronized int sent(Member member, Future<Object> future) {
        this.member = member;
        this.future = future;
        return ++attempts;
    }

    synchronized int attempts() {
        return attempts;
    }

    synchronized Member member() {
        return member;
    }

    synchronized boolean isRemoteDone() {
        return future == null || future.isDone();
    }

    /** Marks the task stopped: its member answered or was lost after the task was cancelled or timed out. */
    void stopped() {
        markStopped();
    }

    @Override
    protected void onStop(boolean mayInterrupt) {
        if (mayInterrupt && !isRemoteDone()) {
            dispatcher.interrupt(this);
        }
    }

    @Override
    public String toString() {
        Member m = member();
        return job + (m == null ? "" : " on " + Dispatcher.address(m));
    }
}
