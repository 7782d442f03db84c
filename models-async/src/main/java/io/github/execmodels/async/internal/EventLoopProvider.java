package io.github.execmodels.async.internal;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.async.EventLoop;
import io.github.execmodels.spi.ExecutionModelProvider;
import java.util.Set;

/**
 * Makes {@code "event-loop"} known to {@code Models} through {@link java.util.ServiceLoader}: {@code Models.eventLoop()}
 * and {@code Models.of("event-loop")} create an {@link EventLoop}.
 *
 * <p>Thread safe: stateless.
 */
public final class EventLoopProvider implements ExecutionModelProvider {

    /** For {@link java.util.ServiceLoader}. */
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
