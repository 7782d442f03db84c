package io.github.execmodels.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Models;
import io.github.execmodels.examples.primes.Primes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ClusterPrimesTest {

    @Test
    @Timeout(120)
    void theClusterFindsTheSamePrimesAsOneThread() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // the next port is usually free too; a clash fails the test, not silently
        }
        String cluster = "ClusterPrimesTest-" + UUID.randomUUID();
        try (ExecutionModel sequential = Models.sequential()) {
            assertThat(ClusterPrimes.primesOnTwoLocalMembers(cluster, port, 2_000))
                    .isEqualTo(Primes.getPrimeNumbers(sequential, 2_000, Primes.test(false)));
        }
    }
}
