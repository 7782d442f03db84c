package io.github.execmodels.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member launcher: starts a Hazelcast member that runs the work of {@link HazelcastModel}s, joined to the other
 * members by TCP-IP (no multicast, no auto-detection).
 *
 * <pre>
 * java -cp app.jar:execmodels-core.jar:execmodels-hazelcast.jar:hazelcast.jar:slf4j-api.jar \
 *     io.github.execmodels.hazelcast.Member --cluster primes --port 5701 --members 10.0.0.1:5701,10.0.0.2:5701
 * </pre>
 *
 * <p>Options: {@code --cluster NAME} (required), {@code --port N} (default 5701; the member uses exactly this port),
 * {@code --members HOST:PORT,...} (the other members to join; this one may be listed too), {@code --host ADDRESS}
 * (bind to this address only, and announce it), {@code --threads N} (the model's executor threads, default one per
 * processor), {@code --executor NAME} (default {@code execmodels}). The class path must hold the classes of the work
 * the member runs. The member logs through SLF4J and prints nothing; it runs until the JVM is stopped.
 *
 * <p>Thread safe: stateless.
 *
 * @since 0.1
 */
public final class Member {

    private static final Logger log = LoggerFactory.getLogger(Member.class);

    private static final String USAGE = "usage: java -cp <class path> " + Member.class.getName()
            + " --cluster NAME [--port N] [--members HOST:PORT,...] [--host ADDRESS] [--threads N] [--executor NAME]";

    private Member() {
    }

    /**
     * Starts a member with the given options and returns; the member's threads keep the JVM running.
     *
     * @param args the options above
     * @since 0.1
     */
    public static void main(String[] args) {
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "slf4j"); // before Hazelcast logs its first line
        }
        Config config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        log.info("member of cluster {} started at {}", config.getClusterName(), member.getCluster().getLocalMember()
                .getAddress());
    }

    /**
     * Returns the configuration the launcher uses: TCP-IP join to {@code members}, multicast and auto-detection
     * off, exactly {@code port}, an executor of {@code threads} threads named {@code "execmodels"}, logging through
     * SLF4J, no phone-home. Tests and programs that embed members start from it and may change it.
     *
     * @param cluster the cluster's name
     * @param port the port to listen on
     * @param members the addresses ({@code host:port}) of members to join, may be empty
     * @param threads the executor's threads
     * @return a new configuration
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if {@code port} is not 1 to 65535 or {@code threads < 1}
     * @since 0.1
     */
    public static Config config(String cluster, int port, List<String> members, int threads) {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(members, "members");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1 to 65535)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: > 0)");
        }
        Config config = new Config();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(new ArrayList<>(members));
        config.getExecutorConfig(HazelcastModel.Builder.DEFAULT_EXECUTOR).setPoolSize(threads);
        return config;
    }

    /**
     * Makes a member bind to {@code host} only, and announce that address to the others: what a cluster on one
     * machine's loopback, or on one network interface of a host with several, needs.
     *
     * @param config a configuration from {@link #config}
     * @param host an address of this machine, such as {@code 127.0.0.1}
     * @return {@code config}, changed
     * @throws NullPointerException if an argument is {@code null}
     * @since 0.1
     */
    public static Config bindTo(Config config, String host) {
        Objects.requireNonNull(host, "host");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(host);
        config.getNetworkConfig().setPublicAddress(host + ":" + config.getNetworkConfig().getPort());
        return config;
    }

    static Config parse(String[] args) {
        String cluster = null;
        int port = 5701;
        List<String> members = List.of();
        String host = null;
        int threads = Runtime.getRuntime().availableProcessors();
        String executor = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--cluster" -> cluster = value;
                case "--port" -> port = number(option, value);
                case "--members" -> members = Arrays.stream(value.split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList();
                case "--host" -> host = value;
                case "--threads" -> threads = number(option, value);
                case "--executor" -> executor = value;
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (cluster == null || cluster.isBlank()) {
            throw new IllegalArgumentException("--cluster is required");
        }
        Config config = config(cluster, port, members, threads);
        if (executor != null) {
            config.getExecutorConfig(executor).setPoolSize(threads);
        }
        return host == null ? config : bindTo(config, host);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": \"" + value + "\" is not a number");
        }
    }
}
