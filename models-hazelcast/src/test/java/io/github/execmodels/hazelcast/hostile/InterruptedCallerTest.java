package io.github.execmodels.hazelcast.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.github.execmodels.MapOptions;
import io.github.execmodels.hazelcast.HazelcastModel;
import io.github.execmodels.hazelcast.testing.TestClusters;
import io.github.execmodels.testing.RunLog;
import io.github.execmodels.testing.TestFunctions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller interrupted while its map is still handing chunks to the members: Hazelcast lost invocations made with
 * the interrupt flag set, so chunks sent then were never run nor cancelled, and the map waited for them.
 */
class InterruptedCallerTest {

    private static List<HazelcastInstance> members;

    @TempDir
    Path directory;

    @BeforeAll
    static void startMembers() {
        members = TestClusters.embedded(TestClusters.uniqueName(InterruptedCallerTest.class),
                TestClusters.freePorts(2), 2);
    }

    @AfterAll
    static void stopMembers() {
        members.forEach(HazelcastInstance::shutdown);
    }

    /**
     * Bounded well below what the lost chunks cost before the fix: the map's wait for cancelled chunks (10 s) and
     * then close's wait for work in flight (30 s).
     */
    @Test
    @Timeout(20)
    void everyChunkStartedForAnInterruptedCallerIsStoppedWhenTheMapThrows() throws Exception {
        Path log = directory.resolve("run.log");
        try (HazelcastModel model = HazelcastModel.builder().instance(members.get(0)).build()) {
            List<Integer> data = IntStream.range(0, 64).boxed().collect(Collectors.toList());
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                Thread.currentThread().interrupt(); // interrupted before and while it sends the chunks
                try {
                    model.map(TestFunctions.loggedSleeper(log, -1, 60_000), data,
                            MapOptions.builder().chunkSize(1).build());
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            caller.start();
            caller.join(30_000);
            assertThat(caller.isAlive()).as("the map returned").isFalse();
            assertThat(thrown.get()).isInstanceOf(CancellationException.class);
            RunLog runLog = new RunLog(log);
            assertThat(runLog.count("end ")).as("every started element has stopped when map throws")
                    .isEqualTo(runLog.count("start "));
        }
    }
}
