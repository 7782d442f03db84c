package io.github.execmodels.hazelcast.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Fn;
import io.github.execmodels.MapOptions;
import io.github.execmodels.WorkerCrashedException;
import io.github.execmodels.hazelcast.HazelcastModel;
import io.github.execmodels.hazelcast.testing.MemberProcesses;
import io.github.execmodels.hazelcast.testing.TestClusters;
import io.github.execmodels.testing.RunLog;
import io.github.execmodels.testing.TestFunctions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members in separate JVMs (and one embedded), killed with {@code kill -9} in the middle of a map of slow elements: with a retry the
 * map returns exactly the sequential result; without, it fails with {@link WorkerCrashedException} naming the
 * member, and the next map runs on the member left.
 */
@Timeout(180)
class MemberCrashTest {

    private static final List<Integer> DATA = IntStream.range(0, 40).boxed().collect(Collectors.toList());
    private static final MapOptions TWO_PER_CHUNK = MapOptions.builder().chunkSize(2).build();

    @TempDir
    Path directory;

    @AfterAll
    static void noMemberJvmIsLeft() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!MemberProcesses.aliveMembers().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(MemberProcesses.aliveMembers()).as("member JVMs left running").isEmpty();
    }

    @Test
    void aKilledMembersChunksRunAgainOrFailNamingIt() throws Exception {
        String cluster = TestClusters.uniqueName(MemberCrashTest.class);
        List<Integer> ports = TestClusters.freePorts(3);
        List<String> addresses = TestClusters.addresses(ports);
        try (MemberProcesses members = new MemberProcesses(cluster, ports, directory)) {
            Process first = members.start(ports.get(0));
            Process second = members.start(ports.get(1));
            // the third member, which survives both kills, is embedded in this JVM: one JVM start less
            HazelcastInstance survivor = Hazelcast.newHazelcastInstance(
                    TestClusters.memberConfig(cluster, ports.get(2), ports, 1));
            try {
                try (HazelcastModel model = client(cluster, addresses, 1)) {
                    awaitMembers(model, 3);
                    Path log = directory.resolve("retried.log");
                    List<Integer> result = mapKilling(model, log, first);
                    assertThat(result).isEqualTo(DATA);
                    assertThat(new RunLog(log).count("start ")).isGreaterThanOrEqualTo(DATA.size());
                }

                try (HazelcastModel model = client(cluster, addresses, 0)) {
                    awaitMembers(model, 2);
                    Path log = directory.resolve("failed.log");
                    WorkerCrashedException crash = catchThrowableOfType(WorkerCrashedException.class,
                            () -> mapKilling(model, log, second));
                    assertThat(crash).as("map must fail").isNotNull();
                    assertThat(crash.getMessage()).contains("127.0.0.1:" + ports.get(1));
                    assertThat(model.map(TestFunctions.affine(3), DATA))
                            .isEqualTo(DATA.stream().map(x -> x * 31L + 3).collect(Collectors.toList()));
                }
            } finally {
                survivor.getLifecycleService().terminate();
            }
        }
        assertThat(MemberProcesses.aliveMembers()).isEmpty();
    }

    private static HazelcastModel client(String cluster, List<String> addresses, int retries) {
        return HazelcastModel.builder().clusterName(cluster).members(addresses).retries(retries)
                .clusterTimeout(Duration.ofSeconds(60)).build();
    }

    /** Maps slow elements and kills {@code victim} once a few have started; returns the result or throws. */
    private static List<Integer> mapKilling(ExecutionModel model, Path log, Process victim) throws Exception {
        Fn<Integer, Integer> slow = TestFunctions.loggedSleeper(log, -1, 100);
        CompletableFuture<List<Integer>> map = CompletableFuture.supplyAsync(() -> model.map(slow, DATA, TWO_PER_CHUNK));
        RunLog runLog = new RunLog(log);
        while (runLog.count("end ") < 6 && !map.isDone()) {
            Thread.sleep(10);
        }
        victim.destroyForcibly(); // SIGKILL: kill -9
        try {
            return map.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static void awaitMembers(HazelcastModel model, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (model.instance().getCluster().getMembers().size() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the cluster did not reach " + count + " members");
            }
            Thread.sleep(50);
        }
        // a client connects to the members it learns of in the background: reach each before the test kills one
        List<Integer> few = DATA.subList(0, 20);
        assertThat(model.map(TestFunctions.slowAt(-1, 0), few, MapOptions.builder().chunkSize(1).build()))
                .isEqualTo(few);
    }
}
