package io.github.execmodels.async;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.spi.ExecutionModelProvider;
import java.util.Set;

/**
 * Makes {@code Models.eventLoop()} and {@code Models.of("event-loop")} create an {@link EventLoop}.
 *
 * <p>Thread safety: stateless, thread safe.
 *
 * @since 0.1
 */
public final class EventLoopProvider implements ExecutionModelProvider {

    /**
     * Creates the provider; {@link java.util.ServiceLoader} calls it.
     *
     * @since 0.1
     */
    public EventLoopProvider() {
    }

    @Override
    public Set<String> kinds() {
        return Set.of("event-loop");
    }

    @Override
    public ExecutionModel create(String kind, int workers) {
        if (!"event-loop".equals(kind)) {
            throw new IllegalArgumentException("kind: \"" + kind + "\" (expected: event-loop)");
        }
        if (workers > 1) {
            throw new IllegalArgumentException("event-loop: " + workers
                    + " (expected: 1; an event loop runs on one thread)");
        }
        return EventLoop.builder().build();
    }
}
