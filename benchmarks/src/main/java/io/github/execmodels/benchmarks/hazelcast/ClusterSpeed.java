package io.github.execmodels.benchmarks.hazelcast;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Fn;
import io.github.execmodels.Models;
import io.github.execmodels.hazelcast.HazelcastModel;
import io.github.execmodels.hazelcast.Member;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The speed targets of the cluster model, each against a baseline measured in the same run (medians; the machine
 * is shared and noisy). Two member JVMs are started with the launcher on loopback, one executor thread each, and the
 * model connects to them as a client.
 *
 * <ol>
 *   <li>{@code isPrime} over 20,000 numbers from 10^12 (tens of microseconds each): the cluster against
 *       {@code sequential()}; target 1.6x.</li>
 *   <li>identity over 100,000 integers: items per second of the cluster against {@code processes(2)}'s; target at
 *       least a third.</li>
 *   <li>a map of 1,000 tiny elements on the warm cluster: its latency next to {@code processes(2)}'s (reported).</li>
 * </ol>
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.execmodels.benchmarks.hazelcast.ClusterSpeed
 * [--repeats 5]}.
 */
public final class ClusterSpeed {

    private ClusterSpeed() {
    }

    /** Trial division up to the square root: tens of microseconds for a number near 10^12. */
    static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (long d = 3; d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    public static void main(String[] args) throws Exception {
        int repeats = args.length == 2 && args[0].equals("--repeats") ? Integer.parseInt(args[1]) : 5;
        System.out.printf(Locale.ROOT, "java %s, %d processors%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        List<Long> big = LongStream.range(1_000_000_000_000L, 1_000_000_000_000L + 20_000).boxed()
                .collect(Collectors.toList());
        List<Long> identityData = LongStream.range(0, 100_000).boxed().collect(Collectors.toList());
        List<Long> tiny = identityData.subList(0, 1_000);
        Fn<Long, Boolean> prime = ClusterSpeed::isPrime;
        Fn<Long, Long> identity = x -> x;

        List<Process> members = startMembers(2);
        try (HazelcastModel probe = HazelcastModel.builder().clusterName(CLUSTER).members(addresses).build()) {
            while (probe.instance().getCluster().getMembers().size() < 2) { // the model's parallelism counts them
                Thread.sleep(50);
            }
        }
        try (ExecutionModel cluster = HazelcastModel.builder().clusterName(CLUSTER).members(addresses).build();
                ExecutionModel processes = Models.processes(2);
                ExecutionModel sequential = Models.sequential()) {
            System.out.printf(Locale.ROOT, "cluster parallelism %d%n", cluster.parallelism());
            for (ExecutionModel m : List.of(cluster, processes, sequential)) { // warm-up
                m.map(prime, big.subList(0, 2_000));
                m.map(identity, identityData);
            }
            double seq = median(repeats, () -> sequential.map(prime, big));
            double onCluster = median(repeats, () -> cluster.map(prime, big));
            System.out.printf(Locale.ROOT, "isPrime x 20,000 from 10^12: sequential %.0f ms (%.1f us each),"
                    + " cluster %.0f ms: %.2fx (target 1.6x)%n", seq, seq * 1000 / big.size(), onCluster,
                    seq / onCluster);
            double procIdentity = median(repeats, () -> processes.map(identity, identityData));
            double clusterIdentity = median(repeats, () -> cluster.map(identity, identityData));
            System.out.printf(Locale.ROOT, "identity x 100,000: processes(2) %.2f M items/s, cluster %.2f M items/s:"
                    + " %.2f of processes(2) (target 0.33)%n", rate(identityData, procIdentity),
                    rate(identityData, clusterIdentity), procIdentity / clusterIdentity);
            double procTiny = median(repeats * 4, () -> processes.map(identity, tiny));
            double clusterTiny = median(repeats * 4, () -> cluster.map(identity, tiny));
            System.out.printf(Locale.ROOT, "map of 1,000 tiny elements, warm: processes(2) %.2f ms, cluster %.2f ms"
                    + " (%.1fx)%n", procTiny, clusterTiny, clusterTiny / procTiny);
        } finally {
            for (Process member : members) {
                member.destroyForcibly();
                member.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static final String CLUSTER = "execmodels-bench-" + ProcessHandle.current().pid();
    private static List<String> addresses;

    private static List<Process> startMembers(int count) throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                ports.add(s.getLocalPort());
            }
        }
        addresses = ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.toList());
        List<Process> members = new ArrayList<>();
        for (int port : ports) {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Member.class.getName(),
                    "--cluster", CLUSTER, "--port", String.valueOf(port), "--host", "127.0.0.1", "--threads", "1",
                    "--members", String.join(",", addresses));
            members.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        return members;
    }

    /** The median time of {@code repeats} runs, in milliseconds. */
    private static double median(int repeats, Supplier<List<?>> run) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            run.get();
            times.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    private static double rate(List<?> data, double millis) {
        return data.size() / millis / 1000.0;
    }
}
