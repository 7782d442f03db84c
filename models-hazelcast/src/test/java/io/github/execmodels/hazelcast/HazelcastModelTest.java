package io.github.execmodels.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.hazelcast.core.HazelcastInstance;
import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Fn;
import io.github.execmodels.MapOptions;
import io.github.execmodels.Models;
import io.github.execmodels.RemoteTaskException;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.hazelcast.testing.TestClusters;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The model on two embedded members on loopback: what is particular to a cluster. */
@Timeout(120)
class HazelcastModelTest {

    private static final String CLUSTER = TestClusters.uniqueName(HazelcastModelTest.class);
    private static List<Integer> ports;
    private static List<HazelcastInstance> members;
    private static HazelcastModel model;

    @BeforeAll
    static void startMembers() {
        ports = TestClusters.freePorts(2);
        members = TestClusters.embedded(CLUSTER, ports, 2);
        model = HazelcastModel.builder().instance(members.get(0)).build();
    }

    @AfterAll
    static void stopMembers() {
        model.close();
        members.forEach(HazelcastInstance::shutdown);
    }

    @Test
    void parallelismIsTheMembersExecutorThreads() {
        assertThat(model.parallelism()).isEqualTo(4);
        assertThat(model.name()).isEqualTo("hazelcast:" + CLUSTER);
    }

    @Test
    void chunksAreSpreadOverTheMembers() {
        Fn<Integer, String> thread = x -> {
            Thread.sleep(20);
            return Thread.currentThread().getName();
        };
        List<String> threads = model.map(thread, range(40), MapOptions.builder().chunkSize(1).build());
        Set<String> ranOn = threads.stream().map(name -> ports.stream().filter(p -> name.contains("-" + p + "."))
                .findFirst().orElseThrow()).map(String::valueOf).collect(Collectors.toSet());
        assertThat(ranOn).hasSize(2);
    }

    @Test
    void closingTheModelLeavesTheGivenInstanceRunning() {
        HazelcastModel other = HazelcastModel.builder().instance(members.get(1)).build();
        other.close();
        assertThat(other.isClosed()).isTrue();
        assertThat(members.get(1).getLifecycleService().isRunning()).isTrue();
        assertThat(model.map(x -> x + 1, List.of(1, 2))).containsExactly(2, 3);
    }

    // ---- what cannot cross

    /** Not serializable: a lambda that uses one of its fields captures it. */
    private final class Holder {
        private final int offset = 3;

        Fn<Integer, Integer> addOffset() {
            return x -> x + offset;
        }
    }

    @Test
    void aLambdaCapturingANonSerializableThisIsNamedBeforeAnythingIsSent() {
        Fn<Integer, Integer> fn = new Holder().addOffset();
        assertThatThrownBy(() -> model.map(fn, List.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot send the function or an element of the map to the cluster: ")
                .hasMessageContaining("captures 'this'")
                .hasMessageContaining(Holder.class.getName());
        Object plain = new Object();
        assertThatThrownBy(() -> model.submit(() -> plain.hashCode()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("captured variable '#1 (Object)'");
    }

    // ---- exceptions

    /** A user exception type; the members have it on their class path too. */
    static final class CustomException extends Exception {
        private static final long serialVersionUID = 1L;

        CustomException(String message) {
            super(message);
        }
    }

    /** An exception that cannot be serialized: it reaches the caller as text. */
    static final class UnserializableException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final transient Object unused = null;
        private final Object payload = new Object();

        UnserializableException(String message) {
            super(message);
        }
    }

    @Test
    void aUserExceptionComesBackAsItself() {
        TaskFailedException failure = catchThrowableOfType(TaskFailedException.class, () -> model.map(x -> {
            if (x == 7) {
                throw new CustomException("bad " + x);
            }
            return x;
        }, range(10)));
        assertThat(failure.index()).isEqualTo(7);
        assertThat(failure.getCause()).isInstanceOf(CustomException.class).hasMessage("bad 7");
        assertThat(failure.getCause().getStackTrace()).isNotEmpty();
    }

    @Test
    void anExceptionThatCannotCrossArrivesAsRemoteTaskExceptionWithItsTrace() {
        TaskFailedException failure = catchThrowableOfType(TaskFailedException.class,
                () -> model.submit(() -> {
                    throw new UnserializableException("no way back");
                }).join());
        assertThat(failure.getCause()).isInstanceOf(RemoteTaskException.class).hasMessageContaining("no way back");
        RemoteTaskException remote = (RemoteTaskException) failure.getCause();
        assertThat(remote.remoteClassName()).isEqualTo(UnserializableException.class.getName());
        assertThat(remote.remoteStackTrace()).contains("HazelcastModelTest");
    }

    // ---- configuration

    @Test
    void modelsOfReadsTheSpecAndConnectsAClient() {
        String spec = "hazelcast:members=" + String.join(",", TestClusters.addresses(ports)) + ";cluster=" + CLUSTER
                + ";retries=1;timeout=20";
        try (ExecutionModel client = Models.of(spec)) {
            assertThat(client).isInstanceOf(HazelcastModel.class);
            assertThat(client.parallelism()).isEqualTo(4);
            assertThat(client.map(x -> x * 2, range(100))).isEqualTo(range(100).stream().map(x -> x * 2)
                    .collect(Collectors.toList()));
        }
    }

    @Test
    void aBadSpecQuotesTheSpecAndTheGrammar() {
        for (String spec : List.of("hazelcast", "hazelcast:3", "hazelcast:cluster=x", "hazelcast:members=",
                "hazelcast:members=127.0.0.1:5701;retries=many", "hazelcast:members=127.0.0.1:5701;color=red",
                "hazelcast:members=127.0.0.1:5701;members=127.0.0.1:5702", "hazelcast:members=a;timeout=0",
                "hazelcast:members")) {
            assertThatThrownBy(() -> Models.of(spec)).as(spec)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"" + spec + "\"")
                    .hasMessageContaining(io.github.execmodels.hazelcast.internal.HazelcastProvider.GRAMMAR);
        }
    }

    @Test
    void builderPropertiesMaySetOnceAndAnInstanceExcludesClientSettings() {
        HazelcastModel.Builder builder = HazelcastModel.builder().retries(1);
        assertThatThrownBy(() -> builder.retries(2)).isInstanceOf(IllegalStateException.class)
                .hasMessage("retries was already set");
        assertThatThrownBy(() -> HazelcastModel.builder().retries(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retries: -1 (expected: >= 0)");
        assertThatThrownBy(() -> HazelcastModel.builder().members(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HazelcastModel.builder().clusterTimeout(Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HazelcastModel.builder().instance(members.get(0)).clusterName("x").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("instance excludes");
    }

    @Test
    void aClusterThatCannotBeReachedFailsTheBuildWithinItsTimeout() {
        int closed = TestClusters.freePorts(1).get(0);
        assertThatThrownBy(() -> HazelcastModel.builder().clusterName(CLUSTER + "-nobody")
                .members(List.of("127.0.0.1:" + closed)).clusterTimeout(Duration.ofSeconds(2)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot reach cluster \"" + CLUSTER + "-nobody\"");
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }
}
