package io.github.execmodels.spi;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Models;
import java.util.Set;

/**
 * Makes execution models known to {@link Models}: a model module registers one through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.github.execmodels.spi.ExecutionModelProvider},
 * or {@code provides} in a module descriptor).
 *
 * <p>Implementations must have a public no-argument constructor and be thread safe.
 *
 * @since 0.1
 */
public interface ExecutionModelProvider {

    /**
     * Returns the kinds of model this provider creates, as they appear before the colon in a spec given to
     * {@link Models#of(String)}: {@code "threads"}, {@code "virtual-threads"}, {@code "processes"},
     * {@code "event-loop"}.
     *
     * @return the kinds, not empty
     * @since 0.1
     */
    Set<String> kinds();

    /**
     * Creates a model of the given kind.
     *
     * @param kind one of {@link #kinds()}
     * @param workers the number of workers asked for, or 0 for the kind's default
     * @return a new, open model that the caller owns and must close
     * @throws IllegalArgumentException if {@code kind} is not one of {@link #kinds()} or {@code workers} does not
     *     suit it
     * @throws UnsupportedOperationException if the runtime cannot run this kind (virtual threads on Java 17)
     * @since 0.1
     */
    ExecutionModel create(String kind, int workers);

    /**
     * Creates a model from a spec whose part after the colon is not a worker count, for kinds configured by more
     * than a number, such as {@code "hazelcast:members=10.0.0.1:5701;cluster=prod"}. {@link Models#of(String)}
     * calls it when that part does not parse as a number.
     *
     * @param spec the whole spec, as given, for error messages
     * @param kind one of {@link #kinds()}
     * @param argument the part after the first colon, trimmed
     * @return a new, open model that the caller owns, or {@code null} when the kind takes only a worker count
     *     (the default)
     * @throws IllegalArgumentException if the argument is malformed; the message quotes the spec and the grammar
     * @since 0.1
     */
    default ExecutionModel createFromSpec(String spec, String kind, String argument) {
        return null;
    }
}
