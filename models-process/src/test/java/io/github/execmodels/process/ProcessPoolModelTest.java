package io.github.execmodels.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Fn;
import io.github.execmodels.Job;
import io.github.execmodels.MapOptions;
import io.github.execmodels.ModelClosedException;
import io.github.execmodels.Models;
import io.github.execmodels.Outcome;
import io.github.execmodels.RemoteTaskException;
import io.github.execmodels.Task;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.process.testing.Faults;
import io.github.execmodels.process.testing.Processes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The process pool's own behaviour: payloads, serialization checks, remote exceptions, output, lifecycle. */
@Timeout(120)
class ProcessPoolModelTest {

    private static ProcessPoolModel pool;

    @BeforeAll
    static void startPool() {
        pool = ProcessPoolModel.builder().workers(2).build();
    }

    @AfterAll
    static void closePool() throws Exception {
        pool.close();
        assertThat(Processes.awaitNoWorkers(Duration.ofSeconds(5))).as("workers left after close").isEmpty();
    }

    // ---- the facade and the builder

    @Test
    void modelsFacadeFindsTheProcessModel() {
        assertThat(Models.available()).contains("processes");
        try (ExecutionModel m = Models.of("processes:1")) {
            assertThat(m).isInstanceOf(ProcessPoolModel.class);
            assertThat(m.parallelism()).isEqualTo(1);
            assertThat(m.map(x -> x + 1, List.of(1, 2, 3))).containsExactly(2, 3, 4);
        }
    }

    @Test
    void builderPropertiesMaySetOnce() {
        ProcessPoolModel.Builder b = ProcessPoolModel.builder().workers(1);
        assertThatThrownBy(() -> b.workers(2)).isInstanceOf(IllegalStateException.class)
                .hasMessage("workers was already set");
        assertThatThrownBy(() -> ProcessPoolModel.builder().workers(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers: 0 (expected: > 0)");
        assertThatThrownBy(() -> ProcessPoolModel.builder().retries(-1)).isInstanceOf(IllegalArgumentException.class);
        ProcessPoolModel.Builder c = ProcessPoolModel.builder().retries(1);
        assertThatThrownBy(() -> c.retries(2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void workersUseTheParentsJavaAndAreConfigurable() throws Exception {
        try (ProcessPoolModel m = ProcessPoolModel.builder().workers(1).jvmOptions(List.of("-Dexecmodels.test=yes"))
                .environment(Map.of("EXECMODELS_TEST_ENV", "from-parent"))
                .directory(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))).build()) {
            assertThat(m.workerCommand().get(0))
                    .startsWith(System.getProperty("java.home"));
            Job<String> probe = () -> System.getProperty("execmodels.test") + " " + System.getenv("EXECMODELS_TEST_ENV")
                    + " " + java.nio.file.Path.of("").toAbsolutePath();
            assertThat(m.submit(probe).join()).isEqualTo("yes from-parent "
                    + java.nio.file.Path.of(System.getProperty("java.io.tmpdir")).toRealPath());
        }
    }

    // ---- payloads

    @Test
    void fiftyMegabytesEachWay() {
        byte[] big = new byte[50 << 20];
        for (int i = 0; i < big.length; i += 4096) {
            big[i] = (byte) i;
        }
        Job<byte[]> echo = () -> {
            byte[] copy = big.clone();
            copy[copy.length - 1] = 7;
            return copy;
        };
        byte[] back = pool.submit(echo).join();
        assertThat(back).hasSize(big.length);
        assertThat(back[back.length - 1]).isEqualTo((byte) 7);
        assertThat(Arrays.equals(back, 0, big.length - 1, big, 0, big.length - 1)).isTrue();
    }

    @Test
    void commonShapesRoundTrip() {
        List<Object> values = List.of(1, 2L, 3.5, "text", true, new int[] {1, 2}, new ArrayList<>(List.of(1, 2, 3)),
                new ArrayList<>(List.of("a", "b")), new ArrayList<>(List.of(1, "mixed", 2.0)), List.of(4, 5),
                Map.of("k", 1), Duration.ofSeconds(3));
        List<Object> back = pool.map(x -> x, values);
        assertThat(back).hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            assertThat(back.get(i)).isEqualTo(values.get(i));
        }
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
    void aLambdaCapturingANonSerializableThisIsNamed() {
        Fn<Integer, Integer> fn = new Holder().addOffset();
        assertThatThrownBy(() -> pool.map(fn, List.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("captures 'this'")
                .hasMessageContaining(Holder.class.getName())
                .hasMessageContaining("not Serializable");
        assertThatThrownBy(() -> pool.submit(() -> fn.apply(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("captured variable '#1 (Fn)'") // its name, when compiled with -parameters
                .hasMessageContaining(Holder.class.getName());
    }

    @Test
    void aNonSerializableElementIsNamed() {
        Object plain = new Object();
        List<Object> data = List.of("a", plain);
        assertThatThrownBy(() -> pool.map(x -> x.toString(), data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object, which is not Serializable");
    }

    @Test
    void aNonSerializableResultFailsThatTask() {
        TaskFailedException failure = catchThrowableOfType(TaskFailedException.class,
                () -> pool.submit(() -> (Object) new Thread()).join());
        assertThat(failure).hasMessageContaining("cannot be sent back");
        assertThat(pool.submit(() -> 5).join()).isEqualTo(5);
    }

    // ---- exceptions

    /** A user exception type; the worker has it on its class path too. */
    static final class CustomException extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        CustomException(String message, int code) {
            super(message);
            this.code = code;
        }
    }

    static int throwCustom(int x) throws CustomException {
        throw new CustomException("custom " + x, x);
    }

    @Test
    void aCustomExceptionIsRebuiltWithItsRemoteStackTrace() {
        TaskFailedException failure = catchThrowableOfType(TaskFailedException.class,
                () -> pool.map(ProcessPoolModelTest::throwCustom, List.of(11)));
        assertThat(failure.index()).isZero();
        assertThat(failure.getCause()).isInstanceOf(CustomException.class).hasMessage("custom 11");
        assertThat(((CustomException) failure.getCause()).code).isEqualTo(11);
        assertThat(failure.getCause().getStackTrace()).anyMatch(e -> e.getMethodName().equals("throwCustom"));
        assertThat(failure.getCause().getStackTrace()).anyMatch(e -> e.getClassName().contains("WorkerMain"));
    }

    /** An exception that cannot be serialized: it holds a thread. */
    static final class UnserializableException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Thread thread = new Thread();

        UnserializableException(String message) {
            super(message);
        }
    }

    @Test
    void anExceptionThatCannotBeRebuiltArrivesAsRemoteException() {
        Task<Object> task = pool.submit(() -> {
            throw new UnserializableException("held a thread");
        });
        TaskFailedException failure = catchThrowableOfType(TaskFailedException.class, task::join);
        assertThat(failure.getCause()).isInstanceOf(RemoteTaskException.class).hasMessage("held a thread");
        RemoteTaskException remote = (RemoteTaskException) failure.getCause();
        assertThat(remote.remoteClassName()).isEqualTo(UnserializableException.class.getName());
        assertThat(remote.remoteStackTrace()).contains("UnserializableException: held a thread").contains("at ");
    }

    @Test
    void outcomesKeepTheSuccessesAndRebuildTheFailures() {
        List<Outcome<Integer>> outcomes = pool.mapOutcomes(x -> {
            if (x % 3 == 0) {
                throw new UnserializableException("bad " + x);
            }
            return x;
        }, List.of(1, 2, 3, 4, 5, 6));
        assertThat(outcomes).extracting(Outcome::isSuccess).containsExactly(true, true, false, true, true, false);
        assertThat(outcomes.get(2).failure().getCause()).isInstanceOf(RemoteTaskException.class).hasMessage("bad 3");
        assertThat(outcomes.get(5).failure().index()).isEqualTo(5);
    }

    // ---- output

    @Test
    void workerPrintsReachTheLogNotTheProtocol() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<Integer> result;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            result = pool.map(x -> {
                System.out.println("printed by element " + x);
                System.out.print("no newline, then binary \u0000\u00e7");
                System.out.println();
                System.err.println("error line of element " + x);
                return x + 1;
            }, IntStream.range(0, 50).boxed().collect(Collectors.toList()));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!captured.toString(StandardCharsets.UTF_8).contains("error line of element 49")
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            System.setErr(original);
        }
        assertThat(result).isEqualTo(IntStream.range(1, 51).boxed().collect(Collectors.toList()));
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("printed by element 7").contains("error line of element 49").contains("[worker pid ");
    }

    // ---- lazy maps and submit

    @Test
    void imapOverAnEndlessStreamOfWork() {
        Iterable<Integer> endless = () -> Stream.iterate(0, i -> i + 1).iterator();
        try (Stream<Integer> s = pool.imap(x -> x * 3, endless, MapOptions.builder().window(64).build())) {
            assertThat(s.limit(1_000).reduce(0, Integer::sum)).isEqualTo(3 * 999 * 1000 / 2);
        }
    }

    @Test
    void tasksRunInWorkerProcesses() {
        long me = ProcessHandle.current().pid();
        List<Long> pids = pool.map(Faults.pidOf(), IntStream.range(0, 20).boxed().collect(Collectors.toList()));
        assertThat(pids).doesNotContain(me);
        assertThat(pool.workerPids()).containsAll(pids.stream().distinct().collect(Collectors.toList()));
    }

    // ---- close

    @Test
    void closeLeavesNoProcessBehind() throws Exception {
        ProcessPoolModel m = ProcessPoolModel.builder().workers(2).build();
        List<Long> pids;
        try {
            assertThat(m.map(x -> x * 2, List.of(1, 2, 3))).containsExactly(2, 4, 6);
            pids = m.workerPids();
            assertThat(pids).hasSize(2);
        } finally {
            m.close();
        }
        assertThat(Processes.anyAlive(pids)).as("workers alive after close").isFalse();
        assertThatThrownBy(() -> m.submit(() -> 1)).isInstanceOf(ModelClosedException.class);
        m.close();
    }

    @Test
    void closeWaitsForRunningWork() {
        ProcessPoolModel m = ProcessPoolModel.builder().workers(1).build();
        Task<Integer> slow = m.submit(() -> {
            Thread.sleep(300);
            return 9;
        });
        m.close();
        assertThat(slow.join()).isEqualTo(9);
    }

    @Test
    void workAbandonedByCloseNamesTheModelAsItsNameDoes() {
        ProcessPoolModel m = ProcessPoolModel.builder().workers(1).closeTimeout(Duration.ZERO).build();
        m.submit(Faults.spin());
        Task<Integer> queued = m.submit(() -> 1);
        m.close();
        assertThatThrownBy(queued::join).isInstanceOf(TaskFailedException.class).cause()
                .isInstanceOf(ModelClosedException.class).hasMessageStartingWith(m.name() + " is closed")
                .hasMessageStartingWith("processes:1 ");
    }
}
