package io.github.execmodels.benchmarks.process;

import io.github.execmodels.process.ProcessPoolModel;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * The processor time the parent and the workers of a pool used over a stretch of work: where the time of a map
 * goes, independent of how busy the machine is.
 */
final class CpuUse {

    private final ProcessPoolModel pool;
    private long parent;
    private long workers;

    private CpuUse(ProcessPoolModel pool) {
        this.pool = pool;
    }

    /** Starts counting. */
    static CpuUse start(ProcessPoolModel pool) {
        CpuUse use = new CpuUse(pool);
        use.parent = parentNanos();
        use.workers = workersNanos(pool);
        return use;
    }

    /** Returns {parent, workers} nanoseconds of processor time since {@link #start}. */
    long[] stop() {
        return new long[] {parentNanos() - parent, workersNanos(pool) - workers};
    }

    private static long parentNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long workersNanos(ProcessPoolModel pool) {
        long sum = 0;
        for (long pid : pool.workerPids()) {
            sum += ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
        }
        return sum;
    }
}
