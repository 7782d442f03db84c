package io.github.execmodels.hazelcast.testing;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.execmodels.hazelcast.Member;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Clusters for tests: loopback only, multicast and auto-detection off (the launcher's configuration), a unique
 * cluster name, and heartbeats short enough that a killed member is noticed in a few seconds.
 */
public final class TestClusters {

    /** The properties that make a member notice a dead peer within seconds. */
    public static final List<String> FAST_FAILURE_DETECTION = List.of(
            "hazelcast.heartbeat.interval.seconds=1",
            "hazelcast.max.no.heartbeat.seconds=4",
            "hazelcast.merge.first.run.delay.seconds=60",
            "hazelcast.wait.seconds.before.join=0",
            "hazelcast.graceful.shutdown.max.wait=5");

    private TestClusters() {
    }

    /** A cluster name no other test uses. */
    public static String uniqueName(Class<?> test) {
        return test.getSimpleName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Free loopback ports, as many as asked. */
    public static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException e) {
                    // nothing was bound to it
                }
            }
        }
    }

    /** The addresses of the ports on loopback. */
    public static List<String> addresses(List<Integer> ports) {
        return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.toList());
    }

    /** A member's configuration on loopback, as the launcher makes it with {@code --host 127.0.0.1}. */
    public static Config memberConfig(String cluster, int port, List<Integer> ports, int threads) {
        Config config = Member.bindTo(Member.config(cluster, port, addresses(ports), threads), "127.0.0.1");
        config.setInstanceName(cluster + "-" + port);
        for (String property : FAST_FAILURE_DETECTION) {
            String[] kv = property.split("=", 2);
            config.setProperty(kv[0], kv[1]);
        }
        return config;
    }

    /** Starts embedded members on the given ports, joined to each other; the caller shuts them down. */
    public static List<HazelcastInstance> embedded(String cluster, List<Integer> ports, int threads) {
        List<HazelcastInstance> members = new ArrayList<>();
        for (int port : ports) {
            members.add(Hazelcast.newHazelcastInstance(memberConfig(cluster, port, ports, threads)));
        }
        return members;
    }

    /** Whether a thread belongs to an embedded member of the named cluster (its names start with "hz.NAME-"). */
    public static boolean isMemberThread(Thread thread, String cluster) {
        return thread.getName().startsWith("hz." + cluster + "-");
    }
}
