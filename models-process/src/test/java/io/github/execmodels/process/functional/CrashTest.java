package io.github.execmodels.process.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.execmodels.MapOptions;
import io.github.execmodels.Outcome;
import io.github.execmodels.Task;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.TaskTimeoutException;
import io.github.execmodels.WorkerCrashedException;
import io.github.execmodels.process.ProcessPoolModel;
import io.github.execmodels.process.testing.Faults;
import io.github.execmodels.process.testing.Faults.Death;
import io.github.execmodels.process.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

/** Fault injection: each kind of worker death, hangs, bad frames; the pool goes on serving. */
@Timeout(60)
class CrashTest {

    private static ProcessPoolModel pool;

    @BeforeAll
    static void startPool() {
        // a small heap so that running out of it is quick
        pool = ProcessPoolModel.builder().workers(2).jvmOptions(List.of("-Xmx96m")).build();
    }

    @AfterAll
    static void closePool() throws Exception {
        pool.close();
        assertThat(Processes.awaitNoWorkers(Duration.ofSeconds(5))).as("workers left after close").isEmpty();
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    private static List<Integer> doubled(int n) {
        return IntStream.range(0, n).map(x -> x * 2).boxed().collect(Collectors.toList());
    }

    @ParameterizedTest
    @EnumSource(Death.class)
    void aDeathInTheMiddleOfAMapNamesTheElementAndThePoolGoesOn(Death death) {
        WorkerCrashedException crash = catchThrowableOfType(WorkerCrashedException.class,
                () -> pool.map(Faults.dieAt(1_234, death), range(3_000)));
        assertThat(crash).as("map must throw WorkerCrashedException").isNotNull();
        assertThat(crash.index()).isEqualTo(1_234);
        assertThat(crash.getMessage()).contains("element 1234");
        if (death == Death.EXIT) {
            assertThat(crash.exitCode()).isEqualTo(42);
        }
        if (death == Death.KILL_SIGNAL) {
            assertThat(crash.signal()).hasValue(9);
        }
        if (death == Death.OUT_OF_MEMORY) {
            assertThat(crash.stderrTail()).anyMatch(l -> l.contains("OutOfMemoryError"));
        }
        assertThat(pool.map(Faults.dieAt(-1, death), range(500))).isEqualTo(doubled(500));
    }

    @Test
    void everyOtherElementOfTheCrashedChunkGetsItsResult() {
        List<Outcome<Integer>> outcomes = pool.mapOutcomes(Faults.dieAt(700, Death.HALT), range(2_000));
        assertThat(outcomes).hasSize(2_000);
        for (int i = 0; i < 2_000; i++) {
            assertThat(outcomes.get(i).index()).isEqualTo(i);
            if (i == 700) {
                assertThat(outcomes.get(i).failure()).isInstanceOf(WorkerCrashedException.class);
                assertThat(outcomes.get(i).failure().index()).isEqualTo(700);
            } else {
                assertThat(outcomes.get(i).value()).isEqualTo(2 * i);
            }
        }
    }

    @Test
    void retriesRunACrashedElementAgain() throws Exception {
        Path marker = Files.createTempFile("execmodels-marker", "");
        Files.delete(marker);
        MapOptions oneByOne = MapOptions.builder().chunkSize(1).build();
        try (ProcessPoolModel retrying = ProcessPoolModel.builder().workers(2).retries(1).build()) {
            assertThat(retrying.map(Faults.dieOnceAt(5, marker), range(20), oneByOne)).isEqualTo(doubled(20));
            assertThat(Files.exists(marker)).as("the element did kill its first worker").isTrue();
        } finally {
            Files.deleteIfExists(marker);
        }
        // without retries, the same map fails
        WorkerCrashedException crash = catchThrowableOfType(WorkerCrashedException.class,
                () -> pool.map(Faults.dieOnceAt(5, marker), range(20), oneByOne));
        assertThat(crash.index()).isEqualTo(5);
        Files.deleteIfExists(marker);
    }

    @Test
    void aRetriedChunkKeepsWhatItDeliveredAndRunsOnlyWhatWasLeft() throws Exception {
        Path marker = Files.createTempFile("execmodels-marker", "");
        Files.delete(marker);
        MapOptions oneChunk = MapOptions.builder().chunkSize(6).build();
        try (ProcessPoolModel retrying = ProcessPoolModel.builder().workers(1).retries(1).build()) {
            // elements 0..4 stream back before element 5, the last of the chunk, kills the worker once
            assertThat(retrying.map(Faults.slowDieOnceAt(5, marker, 20), range(6), oneChunk)).isEqualTo(doubled(6));
            assertThat(Files.exists(marker)).as("the element did kill its first worker").isTrue();
            assertThat(retrying.map(Faults.slowDieOnceAt(5, marker, 0), range(6), oneChunk)).isEqualTo(doubled(6));
        } finally {
            Files.deleteIfExists(marker);
        }
    }

    @Test
    void anExceptionIsNeverRetried() throws Exception {
        Path log = Files.createTempFile("execmodels-retry", ".log");
        try (ProcessPoolModel retrying = ProcessPoolModel.builder().workers(1).retries(3).build()) {
            String file = log.toString();
            Task<Object> task = retrying.submit(() -> {
                Files.writeString(Path.of(file), "x", java.nio.file.StandardOpenOption.APPEND);
                throw new IllegalStateException("user error");
            });
            assertThat(catchThrowableOfType(TaskFailedException.class, task::join).getCause())
                    .hasMessage("user error");
            assertThat(Files.readString(log)).isEqualTo("x");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void aSubmittedJobWhoseWorkerDiesFailsWithinASecond() {
        Task<Integer> task = pool.submit(Faults.dieJob(Death.HALT));
        WorkerCrashedException crash = catchThrowableOfType(WorkerCrashedException.class,
                () -> task.join(Duration.ofSeconds(20)));
        assertThat(crash.exitCode()).isEqualTo(43);
        assertThat(crash.index()).isEqualTo(TaskFailedException.NO_INDEX);
        assertThat(pool.submit(() -> 1).join()).isEqualTo(1);
    }

    @Test
    @Timeout(180) // about 34 s on a quiet 2-core machine (a third of a second per death); a loaded one needs more
    void oneHundredCrashesInARow() throws Exception {
        try (ProcessPoolModel crashing = ProcessPoolModel.builder().workers(2).build()) {
            for (int i = 0; i < 100; i++) {
                Task<Integer> task = crashing.submit(Faults.dieJob(Death.HALT));
                assertThat(catchThrowableOfType(WorkerCrashedException.class, task::join)).isNotNull();
            }
            assertThat(crashing.map(x -> x * 2, range(100))).isEqualTo(doubled(100));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (crashing.health().alive() != 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(crashing.health().alive()).isEqualTo(2);
            assertThat(crashing.health().replaced().get("crashed")).isEqualTo(100L);
            List<Long> pids = crashing.workerPids();
            assertThat(Processes.workers().stream().map(ProcessHandle::pid).collect(Collectors.toList()))
                    .as("no other worker process (zombie or orphan) of this JVM besides the live ones and other pools'")
                    .containsAll(pids);
            assertThat(pool.workerPids().size() + pids.size()).isEqualTo(Processes.workers().size());
        }
    }

    @Test
    void anEndlessLoopIsStoppedByTheTaskTimeout() {
        MapOptions options = MapOptions.builder().taskTimeout(Duration.ofSeconds(1)).build();
        TaskTimeoutException timeout = catchThrowableOfType(TaskTimeoutException.class,
                () -> pool.map(Faults.spinAt(3), range(10), options));
        assertThat(timeout.index()).isEqualTo(3);
        try (ProcessPoolModel limited = ProcessPoolModel.builder().workers(1).taskTimeout(Duration.ofSeconds(1))
                .build()) {
            Task<Integer> task = limited.submit(Faults.spin());
            assertThat(catchThrowableOfType(TaskTimeoutException.class, () -> task.join(Duration.ofSeconds(20))))
                    .isNotNull();
            assertThat(limited.submit(() -> 2).join()).isEqualTo(2);
            assertThat(limited.health().replaced()).containsEntry("timed-out", 1L);
        }
        assertThat(pool.map(x -> x + 1, range(5))).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void cancellingAJobThatIgnoresInterruptsKillsItsWorker() throws Exception {
        try (ProcessPoolModel one = ProcessPoolModel.builder().workers(1).build()) {
            long before = one.submit(Faults.pid()).join();
            Task<Integer> task = one.submit(Faults.spin());
            Thread.sleep(300);
            assertThat(task.cancel(true)).isTrue();
            assertThatCancelled(task);
            long after = one.submit(Faults.pid()).join(Duration.ofSeconds(20));
            assertThat(after).isNotEqualTo(before);
            assertThat(one.health().replaced()).containsEntry("cancelled", 1L);
        }
    }

    private static void assertThatCancelled(Task<?> task) {
        assertThat(catchThrowableOfType(CancellationException.class, task::join)).isNotNull();
    }

    @Test
    void bytesWrittenToTheRealStdoutAreOnlyOutput() {
        // the protocol has a channel of its own: what reaches file descriptor 1 is logged, never parsed
        assertThat(pool.submit(Faults.garbage()).join(Duration.ofSeconds(20))).isEqualTo(1);
        assertThat(pool.health().replaced()).doesNotContainKey("protocol-error");
    }

    @Test
    void anOversizedResultFailsItsTaskOnly() {
        try (ProcessPoolModel small = ProcessPoolModel.builder().workers(1).maxFrameBytes(1 << 20).build()) {
            Task<byte[]> task = small.submit(Faults.bytes(4 << 20));
            TaskFailedException failure = catchThrowableOfType(TaskFailedException.class,
                    () -> task.join(Duration.ofSeconds(20)));
            assertThat(failure).isNotInstanceOf(WorkerCrashedException.class)
                    .hasMessageContaining("exceeds the pool's maxFrameBytes (1048576 bytes)");
            assertThat(small.submit(Faults.bytes(1000)).join()).hasSize(1000);
            assertThat(small.health().replacedTotal()).isZero();
        }
    }

    @Test
    void maxTasksPerWorkerReplacesWorkers() {
        try (ProcessPoolModel recycling = ProcessPoolModel.builder().workers(1).maxTasksPerWorker(2).build()) {
            List<Long> pids = IntStream.range(0, 6).mapToObj(i -> recycling.submit(Faults.pid()).join())
                    .collect(Collectors.toList());
            assertThat(pids.stream().distinct().count()).isEqualTo(3);
            assertThat(recycling.health().replaced()).containsEntry("max-tasks", 3L);
        }
    }

    @Test
    void theInitializerRunsOnceInEachWorker() {
        try (ProcessPoolModel initialized = ProcessPoolModel.builder().workers(2)
                .initializer(() -> System.setProperty("execmodels.initialized", "yes")).build()) {
            assertThat(initialized.map(x -> System.getProperty("execmodels.initialized"), range(10)))
                    .containsOnly("yes");
        }
    }

    @Test
    void aFailingInitializerFailsTheWorkAndBacksOff() throws Exception {
        try (ProcessPoolModel broken = ProcessPoolModel.builder().workers(2).initializer(() -> {
            throw new IllegalStateException("no database");
        }).build()) {
            Task<Integer> task = broken.submit(() -> 1);
            TaskFailedException failure = catchThrowableOfType(TaskFailedException.class,
                    () -> task.join(Duration.ofSeconds(20)));
            assertThat(failure).hasMessageContaining("initializer failed");
            assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("no database");
            TaskFailedException inMap = catchThrowableOfType(TaskFailedException.class,
                    () -> broken.map(x -> x, range(10)));
            assertThat(inMap.getCause()).hasMessage("no database");
            Thread.sleep(1_500);
            assertThat(broken.health().started()).as("workers started: backing off, not looping").isLessThan(10);
            assertThat(broken.health().replaced().get("initializer-failed")).isPositive();
        }
    }
}
