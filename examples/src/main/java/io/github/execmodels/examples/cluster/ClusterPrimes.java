package io.github.execmodels.examples.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.execmodels.ExecutionModel;
import io.github.execmodels.examples.primes.Primes;
import io.github.execmodels.hazelcast.HazelcastModel;
import io.github.execmodels.hazelcast.Member;
import java.util.ArrayList;
import java.util.List;

/**
 * The lecture's primes on a Hazelcast cluster: starts two members on this machine's loopback, connects to them as a
 * client, as a program on another machine would, and runs {@code get_prime_numbers(n)} there.
 *
 * <p>On real machines, each member is a JVM started with the launcher ({@code io.github.execmodels.hazelcast.Member},
 * see docs/cluster.md) and the program only builds the model.
 *
 * <pre>mvn -q -pl examples -am verify -DskipTests exec:exec -Dshowcase.main=io.github.execmodels.examples.cluster.ClusterPrimes -Dshowcase.args=20000</pre>
 */
public final class ClusterPrimes {

    private ClusterPrimes() {
    }

    /** Starts the members on {@code firstPort} and the port after it, runs the primes up to {@code n}, stops them. */
    public static List<Integer> primesOnTwoLocalMembers(String clusterName, int firstPort, int n) {
        List<String> addresses = List.of("127.0.0.1:" + firstPort, "127.0.0.1:" + (firstPort + 1));
        List<HazelcastInstance> members = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Config config = Member.config(clusterName, firstPort + i, addresses, 1);
                members.add(Hazelcast.newHazelcastInstance(Member.bindTo(config, "127.0.0.1")));
            }
            try (ExecutionModel cluster = HazelcastModel.builder()
                    .clusterName(clusterName).members(addresses).build()) {
                return Primes.getPrimeNumbers(cluster, n, Primes.test(false));
            }
        } finally {
            members.forEach(HazelcastInstance::shutdown);
        }
    }

    /**
     * Runs the example.
     *
     * @param args the largest number to test (20,000 by default)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<Integer> primes = primesOnTwoLocalMembers("execmodels-example", 5701, n);
        System.out.println(primes.size() + " primes up to " + n + " on two cluster members; the last: "
                + primes.get(primes.size() - 1));
    }
}
