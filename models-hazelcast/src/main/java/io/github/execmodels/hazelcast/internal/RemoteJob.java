package io.github.execmodels.hazelcast.internal;

import io.github.execmodels.Job;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A job as a member runs it: registered so that a cancel can interrupt it, and with its exception turned into a
 * {@link RemoteFailure}, which crosses back whether or not the exception's class is serializable or known to the
 * caller.
 *
 * <p>Immutable; runs once.
 */
final class RemoteJob implements Callable<Object>, Serializable {

    private static final long serialVersionUID = 1L;

    private final RunningJobs.Id id;
    private final Job<?> job;

    RemoteJob(RunningJobs.Id id, Job<?> job) {
        this.id = id;
        this.job = job;
    }

    @Override
    public Object call() {
        if (!RunningJobs.begin(id)) {
            return RemoteFailure.of(new InterruptedException("cancelled before it started"));
        }
        try {
            return job.call();
        } catch (Exception | Error e) {
            return RemoteFailure.of(e);
        } finally {
            RunningJobs.end(id);
        }
    }
}
