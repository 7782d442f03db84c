package io.github.execmodels.hazelcast.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.hazelcast.core.HazelcastInstance;
import io.github.execmodels.MapOptions;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.hazelcast.HazelcastModel;
import io.github.execmodels.hazelcast.testing.TestClusters;
import io.github.execmodels.testing.TestFunctions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A client whose whole cluster goes away in the middle of a map: the map fails, it does not hang. */
class ClusterLossTest {

    @Test
    @Timeout(60)
    void aMapFailsWhenItsClusterDisappears() throws Exception {
        String cluster = TestClusters.uniqueName(ClusterLossTest.class);
        List<Integer> ports = TestClusters.freePorts(2);
        List<HazelcastInstance> members = TestClusters.embedded(cluster, ports, 1);
        try (HazelcastModel model = HazelcastModel.builder().clusterName(cluster)
                .members(TestClusters.addresses(ports)).clusterTimeout(Duration.ofSeconds(5)).build()) {
            List<Integer> data = IntStream.range(0, 200).boxed().collect(Collectors.toList());
            assertThat(model.map(x -> x, data)).isEqualTo(data); // the cluster works
            CompletableFuture<List<Integer>> slow = CompletableFuture.supplyAsync(() -> model.map(
                    TestFunctions.slowAt(7, 60_000), data, MapOptions.builder().chunkSize(1).build()));
            Thread.sleep(500);
            members.forEach(m -> m.getLifecycleService().terminate());
            Throwable failure = catchThrowable(slow::join);
            assertThat(failure).as("the map must fail").isNotNull();
            assertThat(failure.getCause()).isInstanceOfAny(TaskFailedException.class, RejectedExecutionException.class);
            Throwable next = catchThrowable(() -> model.map(x -> x, data));
            assertThat(next).isInstanceOfAny(TaskFailedException.class, RejectedExecutionException.class,
                    IllegalStateException.class);
        } finally {
            members.forEach(m -> m.getLifecycleService().terminate());
        }
    }
}
