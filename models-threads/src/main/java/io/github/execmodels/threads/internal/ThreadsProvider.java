package io.github.execmodels.threads.internal;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.spi.ExecutionModelProvider;
import io.github.execmodels.threads.ThreadPoolModel;
import java.util.Set;

/**
 * Makes {@code "threads"} and {@code "virtual-threads"} known to {@code Models} through {@link java.util.ServiceLoader}.
 *
 * <p>Thread safe.
 */
public final class ThreadsProvider implements ExecutionModelProvider {

    private static final Set<String> KINDS = Set.of("threads", "virtual-threads");

    /** For {@link java.util.ServiceLoader}. */
    public ThreadsProvider() {
    }

    @Override
    public Set<String> kinds() {
        return KINDS;
    }

    @Override
    public ExecutionModel create(String kind, int workers) {
        if (workers < 0) {
            throw new IllegalArgumentException(kind + ": " + workers + " (expected: > 0)");
        }
        ThreadPoolModel.Builder builder = ThreadPoolModel.builder();
        switch (kind) {
            case "threads":
                return (workers > 0 ? builder.threads(workers) : builder).build();
            case "virtual-threads":
                builder.virtualThreads();
                return (workers > 0 ? builder.parallelism(workers) : builder).build();
            default:
                throw new IllegalArgumentException("unknown kind \"" + kind + "\" (expected one of " + KINDS + ")");
        }
    }
}
