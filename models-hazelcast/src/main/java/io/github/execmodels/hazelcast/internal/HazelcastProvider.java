package io.github.execmodels.hazelcast.internal;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.hazelcast.HazelcastModel;
import io.github.execmodels.spi.ExecutionModelProvider;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/**
 * Makes {@code Models.of("hazelcast:...")} create a {@link HazelcastModel} on a client it owns. Found by
 * {@link java.util.ServiceLoader}; not meant to be called directly.
 *
 * <p>The spec's grammar (settings separated by {@code ;}, in any order, each at most once):
 * <pre>
 * hazelcast:members=HOST:PORT[,HOST:PORT...][;cluster=NAME][;executor=NAME][;retries=N][;timeout=SECONDS]
 * </pre>
 * For example {@code hazelcast:members=10.0.0.1:5701,10.0.0.2:5701;cluster=primes;retries=1}. {@code members} is
 * required; the others default as in {@link HazelcastModel.Builder}.
 *
 * <p>Thread safe: stateless.
 *
 * @since 0.1
 */
public final class HazelcastProvider implements ExecutionModelProvider {

    /** The grammar, quoted in every error about a spec. */
    public static final String GRAMMAR = "hazelcast:members=HOST:PORT[,HOST:PORT...][;cluster=NAME][;executor=NAME]"
            + "[;retries=N][;timeout=SECONDS]";

    /**
     * Creates the provider; {@link java.util.ServiceLoader} calls it.
     *
     * @since 0.1
     */
    public HazelcastProvider() {
    }

    @Override
    public Set<String> kinds() {
        return Set.of("hazelcast");
    }

    @Override
    public ExecutionModel create(String kind, int workers) {
        requireKind(kind);
        throw new IllegalArgumentException("spec \"hazelcast" + (workers > 0 ? ":" + workers : "")
                + "\": a cluster is named by its members, not a worker count (expected: " + GRAMMAR + ")");
    }

    @Override
    public ExecutionModel createFromSpec(String spec, String kind, String argument) {
        requireKind(kind);
        return parse(spec, argument).build();
    }

    private static void requireKind(String kind) {
        if (!"hazelcast".equals(kind)) {
            throw new IllegalArgumentException("kind: \"" + kind + "\" (expected: hazelcast)");
        }
    }

    /** Reads the settings of a spec into a builder; throws, quoting the spec and the grammar, if one is wrong. */
    static HazelcastModel.Builder parse(String spec, String argument) {
        HazelcastModel.Builder builder = HazelcastModel.builder();
        boolean hasMembers = false;
        for (String setting : argument.split(";", -1)) {
            int eq = setting.indexOf('=');
            if (eq < 0) {
                throw bad(spec, "\"" + setting.trim() + "\" is not NAME=VALUE");
            }
            String name = setting.substring(0, eq).trim();
            String value = setting.substring(eq + 1).trim();
            if (value.isEmpty()) {
                throw bad(spec, name + " has no value");
            }
            try {
                switch (name) {
                    case "members" -> {
                        builder.members(Arrays.stream(value.split(",")).map(String::trim).toList());
                        hasMembers = true;
                    }
                    case "cluster" -> builder.clusterName(value);
                    case "executor" -> builder.executor(value);
                    case "retries" -> builder.retries(Integer.parseInt(value));
                    case "timeout" -> builder.clusterTimeout(Duration.ofSeconds(Long.parseLong(value)));
                    default -> throw bad(spec, "unknown setting \"" + name + "\"");
                }
            } catch (NumberFormatException e) {
                throw bad(spec, name + " \"" + value + "\" is not a number");
            } catch (IllegalStateException e) {
                throw bad(spec, name + " is given twice");
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("spec \"")) {
                    throw e;
                }
                throw bad(spec, e.getMessage());
            }
        }
        if (!hasMembers) {
            throw bad(spec, "members is required");
        }
        return builder;
    }

    private static IllegalArgumentException bad(String spec, String problem) {
        return new IllegalArgumentException("spec \"" + spec + "\": " + problem + " (expected: " + GRAMMAR + ")");
    }
}
