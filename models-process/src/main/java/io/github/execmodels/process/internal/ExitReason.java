package io.github.execmodels.process.internal;

/**
 * Why a worker process ended early, as {@code PoolHealth.replaced()} counts it.
 *
 * <p>Immutable.
 */
enum ExitReason {
    /** It died on its own while serving (a crash, {@code System.exit}, a signal). */
    CRASHED("crashed"),
    /** Killed: its task ran past its time limit. */
    TIMED_OUT("timed-out"),
    /** Killed: a cancelled task ignored its interrupt. */
    CANCELLED("cancelled"),
    /** Killed: it sent something that is not a frame, or a frame too large. */
    PROTOCOL_ERROR("protocol-error"),
    /** Retired after {@code maxTasksPerWorker} tasks. */
    MAX_TASKS("max-tasks"),
    /** Its initializer threw. */
    INITIALIZER_FAILED("initializer-failed"),
    /** It ended before it was ready. */
    START_FAILED("start-failed"),
    /** Killed for another reason. */
    KILLED("killed");

    private final String label;

    ExitReason(String label) {
        this.label = label;
    }

    /** The name {@code PoolHealth} reports. */
    String label() {
        return label;
    }
}
