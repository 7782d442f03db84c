package io.github.execmodels.process;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.spi.ExecutionModelProvider;
import java.util.Set;

/**
 * Makes {@code Models.processes(n)} and {@code Models.of("processes:n")} create a {@link ProcessPoolModel}. Found by
 * {@link java.util.ServiceLoader}; not meant to be called directly.
 *
 * <p>Thread safe: stateless.
 *
 * @since 0.1
 */
public final class ProcessModelProvider implements ExecutionModelProvider {

    /**
     * Creates the provider; {@link java.util.ServiceLoader} calls it.
     *
     * @since 0.1
     */
    public ProcessModelProvider() {
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
