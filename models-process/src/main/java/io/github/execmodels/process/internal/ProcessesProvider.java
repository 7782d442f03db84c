package io.github.execmodels.process.internal;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.process.ProcessPoolModel;
import io.github.execmodels.spi.ExecutionModelProvider;
import java.util.Set;

/**
 * Makes {@code "processes"} known to {@code Models} through {@link java.util.ServiceLoader}: {@code Models.processes(n)}
 * and {@code Models.of("processes:n")} create a {@link ProcessPoolModel}.
 *
 * <p>Thread safe: stateless.
 */
public final class ProcessesProvider implements ExecutionModelProvider {

    /** For {@link java.util.ServiceLoader}. */
    public ProcessesProvider() {
    }

    @Override
    public Set<String> kinds() {
        return Set.of("processes");
    }

    @Override
    public ExecutionModel create(String kind, int workers) {
        if (!kinds().contains(kind)) {
            throw new IllegalArgumentException("kind: \"" + kind + "\" (expected: processes)");
        }
        ProcessPoolModel.Builder builder = ProcessPoolModel.builder();
        if (workers > 0) {
            builder.workers(workers);
        }
        return builder.build();
    }
}
