package io.github.execmodels.hazelcast.internal;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Sent to the member that runs a job, on the model's control executor (not the busy one that runs the job):
 * interrupts the job's thread, or stops the job from starting.
 *
 * <p>Immutable.
 */
final class Interrupt implements Callable<Boolean>, Serializable {

    private static final long serialVersionUID = 1L;

    private final RunningJobs.Id id;

    Interrupt(RunningJobs.Id id) {
        this.id = id;
    }

    @Override
    public Boolean call() {
        RunningJobs.cancel(id);
        return Boolean.TRUE;
    }
}
