package io.github.execmodels;

import static io.github.execmodels.internal.Checks.requirePositive;

import io.github.execmodels.spi.ExecutionModelProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * One-line factories for every execution model.
 *
 * <pre>{@code
 * try (ExecutionModel model = Models.threads(4)) {
 *     List<Boolean> primes = model.map(Primes::isPrime, numbers);
 * }
 * }</pre>
 *
 * <p>Swap {@code threads(4)} for {@link #sequential()}, {@link #virtualThreads()}, {@link #processes(int)} or
 * {@link #eventLoop()} and the call site does not change. Every model but the sequential one lives in its own
 * module, found at run time through {@link ServiceLoader} ({@link ExecutionModelProvider}); asking for a model
 * whose module is missing throws an exception that names the dependency to add. Each factory returns a new
 * model that the caller owns and must close. For full configuration use the model's builder
 * ({@code ThreadPoolModel.builder()}, {@code ProcessPoolModel.builder()}, {@code EventLoop.builder()}).
 *
 * <p>Thread safe.
 *
 * @since 0.1
 */
public final class Models {

    private static final String SEQUENTIAL = "sequential";

    /** The artifact that provides each built-in kind, for the error a missing module gives. */
    private static final Map<String, String> ARTIFACTS = Map.of(
            "threads", "execmodels-threads",
            "virtual-threads", "execmodels-threads",
            "processes", "execmodels-process",
            "event-loop", "execmodels-async",
            "hazelcast", "execmodels-hazelcast");

    private Models() {
    }

    /**
     * Returns a model that runs everything on the calling thread: the reference for every other model.
     *
     * @return a new sequential model
     * @since 0.1
     */
    public static ExecutionModel sequential() {
        return SequentialModel.builder().build();
    }

    /**
     * Returns a fixed pool of {@code threads} platform threads (module {@code execmodels-threads}).
     *
     * @param threads how many threads
     * @return a new thread pool model
     * @throws IllegalArgumentException if {@code threads < 1}
     * @throws IllegalStateException if the module is not on the class path
     * @since 0.1
     */
    public static ExecutionModel threads(int threads) {
        return create("threads", requirePositive(threads, "threads"));
    }

    /**
     * Returns a model that runs each task on a new virtual thread (module {@code execmodels-threads}, Java 21+).
     *
     * @return a new virtual thread model
     * @throws UnsupportedOperationException if the runtime is older than Java 21
     * @throws IllegalStateException if the module is not on the class path
     * @since 0.1
     */
    public static ExecutionModel virtualThreads() {
        return create("virtual-threads", 0);
    }

    /**
     * Returns a pool of {@code workers} worker JVMs (module {@code execmodels-process}).
     *
     * @param workers how many worker processes
     * @return a new process pool model
     * @throws IllegalArgumentException if {@code workers < 1}
     * @throws IllegalStateException if the module is not on the class path
     * @since 0.1
     */
    public static ExecutionModel processes(int workers) {
        return create("processes", requirePositive(workers, "workers"));
    }

    /**
     * Returns a single-threaded cooperative event loop (module {@code execmodels-async}).
     *
     * @return a new event loop
     * @throws IllegalStateException if the module is not on the class path
     * @since 0.1
     */
    public static ExecutionModel eventLoop() {
        return create("event-loop", 0);
    }

    /**
     * Returns the model a spec names: {@code "sequential"}, {@code "threads"} (one per processor),
     * {@code "threads:8"}, {@code "virtual-threads"}, {@code "processes"}, {@code "processes:2"},
     * {@code "event-loop"}, {@code "hazelcast:members=10.0.0.1:5701;cluster=prod"} (the grammar is in
     * {@code execmodels-hazelcast}'s provider), or a kind a third-party provider adds.
     *
     * @param spec the kind, optionally followed by {@code :} and a worker count, or by the settings its provider
     *     reads
     * @return a new model
     * @throws NullPointerException if {@code spec} is {@code null}
     * @throws IllegalArgumentException if the spec is malformed or names an unknown kind
     * @throws IllegalStateException if the kind's module is not on the class path
     * @since 0.1
     */
    public static ExecutionModel of(String spec) {
        Objects.requireNonNull(spec, "spec");
        String trimmed = spec.trim();
        int colon = trimmed.indexOf(':');
        String kind = colon < 0 ? trimmed : trimmed.substring(0, colon).trim();
        int workers = 0;
        if (colon >= 0) {
            String count = trimmed.substring(colon + 1).trim();
            try {
                workers = Integer.parseInt(count);
            } catch (NumberFormatException e) {
                ExecutionModelProvider provider = findProvider(kind);
                ExecutionModel configured = provider == null ? null : provider.createFromSpec(spec, kind, count);
                if (configured != null) {
                    return configured;
                }
                throw new IllegalArgumentException("spec \"" + spec + "\": worker count \"" + count
                        + "\" is not a number (expected: kind or kind:count, such as threads:8)");
            }
            requirePositive(workers, kind);
        }
        if (kind.equals(SEQUENTIAL)) {
            if (colon >= 0) {
                throw new IllegalArgumentException("spec \"" + spec + "\": sequential takes no worker count");
            }
            return sequential();
        }
        if (!ARTIFACTS.containsKey(kind) && findProvider(kind) == null) {
            throw new IllegalArgumentException("spec \"" + spec + "\": unknown kind \"" + kind
                    + "\" (known: " + knownKinds() + ")");
        }
        return create(kind, workers);
    }

    /**
     * Returns the kinds of model that can be created now, with the modules on the class path.
     *
     * @return the kinds, sorted, always including {@code "sequential"}
     * @since 0.1
     */
    public static Set<String> available() {
        Set<String> kinds = new TreeSet<>();
        kinds.add(SEQUENTIAL);
        for (ExecutionModelProvider provider : providers()) {
            kinds.addAll(provider.kinds());
        }
        return kinds;
    }

    private static ExecutionModel create(String kind, int workers) {
        ExecutionModelProvider provider = findProvider(kind);
        if (provider == null) {
            String artifact = ARTIFACTS.getOrDefault(kind, "a module that provides \"" + kind + "\"");
            throw new IllegalStateException("no execution model \"" + kind + "\" on the class path: add the "
                    + "dependency io.github.execmodels:" + artifact + " (available now: " + available() + ")");
        }
        return provider.create(kind, workers);
    }

    private static ExecutionModelProvider findProvider(String kind) {
        for (ExecutionModelProvider provider : providers()) {
            if (provider.kinds().contains(kind)) {
                return provider;
            }
        }
        return null;
    }

    private static List<ExecutionModelProvider> providers() {
        List<ExecutionModelProvider> providers = new ArrayList<>();
        ServiceLoader.load(ExecutionModelProvider.class, Models.class.getClassLoader()).forEach(providers::add);
        return providers;
    }

    private static Set<String> knownKinds() {
        Set<String> kinds = new TreeSet<>(ARTIFACTS.keySet());
        kinds.addAll(available());
        return kinds;
    }
}
