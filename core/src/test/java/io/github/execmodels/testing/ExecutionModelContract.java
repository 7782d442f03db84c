package io.github.execmodels.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Fn;
import io.github.execmodels.MapOptions;
import io.github.execmodels.ModelClosedException;
import io.github.execmodels.Models;
import io.github.execmodels.Outcome;
import io.github.execmodels.Task;
import io.github.execmodels.TaskFailedException;
import io.github.execmodels.TaskTimeoutException;
import io.github.execmodels.WaitTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The semantics every {@link ExecutionModel} shares, as tests. A model module extends it with one factory method
 * and the {@link Capability capabilities} its model has; tests that need a capability are skipped for models
 * without it, never weakened.
 *
 * <p>Functions come from {@link TestFunctions}, so they serialize; side effects go through {@link RunLog} files,
 * so work in another process can report them.
 */
@Timeout(120)
public abstract class ExecutionModelContract {

    /** What a model can do beyond the shared semantics. */
    public enum Capability {
        /** {@code submit} returns before the job completes (not a direct executor). */
        ASYNC_SUBMIT,
        /** {@code cancel(true)} and timeouts stop work that is running. */
        INTERRUPTS_RUNNING_WORK,
        /** More than one element runs at a time. */
        PARALLEL
    }

    private ExecutionModel model;

    /** Returns a new, open model; the kit closes it. */
    protected abstract ExecutionModel newModel();

    /** Returns what the model can do; none by default. */
    protected Set<Capability> capabilities() {
        return EnumSet.noneOf(Capability.class);
    }

    protected final ExecutionModel model() {
        if (model == null) {
            model = newModel();
        }
        return model;
    }

    @AfterEach
    @AfterProperty
    void closeModel() {
        if (model != null) {
            model.close();
            model = null;
        }
    }

    private void assume(Capability capability) {
        Assumptions.assumeTrue(capabilities().contains(capability), () -> "model lacks " + capability);
    }

    // ---- results equal the sequential model's, in input order

    @Property(tries = 40)
    void mapEqualsSequential(@ForAll @Size(max = 300) List<Integer> data, @ForAll long k) {
        List<Long> expected;
        try (ExecutionModel reference = Models.sequential()) {
            expected = reference.map(TestFunctions.affine(k), data);
        }
        assertThat(model().map(TestFunctions.affine(k), data)).isEqualTo(expected);
    }

    @Property(tries = 20)
    void mapWithAnyChunkSizeEqualsSequential(@ForAll @Size(max = 200) List<Integer> data,
            @ForAll @IntRange(min = 1, max = 50) int chunkSize) {
        MapOptions options = MapOptions.builder().chunkSize(chunkSize).build();
        List<Long> expected = data.stream().map(x -> x * 31L + 7).collect(Collectors.toList());
        assertThat(model().map(TestFunctions.affine(7), data, options)).isEqualTo(expected);
    }

    @Test
    void mapKeepsInputOrderWhenLaterElementsFinishFirst() {
        List<Integer> data = range(0, 200);
        assertThat(model().map(TestFunctions.reverseDurations(), data)).isEqualTo(data);
    }

    @Test
    void mapOfOneHundredThousandElements() {
        List<Integer> data = range(0, 100_000);
        List<Long> result = model().map(TestFunctions.affine(1), data);
        assertThat(result).hasSize(100_000);
        for (int i = 0; i < data.size(); i++) {
            assertThat(result.get(i)).isEqualTo(i * 31L + 1);
        }
    }

    @Test
    void mapOfEmptyDataIsEmpty() {
        assertThat(model().map(TestFunctions.affine(1), List.of())).isEmpty();
        assertThat(model().mapOutcomes(TestFunctions.affine(1), List.of())).isEmpty();
        try (Stream<Long> stream = model().imap(TestFunctions.affine(1), List.<Integer>of())) {
            assertThat(stream).isEmpty();
        }
    }

    @Test
    void mapReadsAnyIterableAndReturnsAnUnmodifiableList() {
        Iterable<Integer> data = () -> IntStream.range(0, 10).iterator();
        List<Long> result = model().map(TestFunctions.affine(0), data);
        assertThat(result).containsExactly(0L, 31L, 62L, 93L, 124L, 155L, 186L, 217L, 248L, 279L);
        assertThatThrownBy(() -> result.set(0, 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- failures

    @Property(tries = 30)
    void firstFailingElementInInputOrderIsReported(@ForAll("dataWithFailures") DataWithFailures input) {
        TaskFailedException failure = catchThrowableOfType(TaskFailedException.class,
                () -> model().map(TestFunctions.failingAt(input.failing), input.data));
        int first = Collections.min(input.failing);
        assertThat(failure).as("map must throw").isNotNull();
        assertThat(failure.index()).isEqualTo(input.data.indexOf(first));
        assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("boom at " + first);
    }

    @Property(tries = 30)
    void everyOutcomeKeepsTheSuccesses(@ForAll("dataWithFailures") DataWithFailures input) {
        List<Outcome<Integer>> outcomes = model().mapOutcomes(TestFunctions.failingAt(input.failing), input.data);
        assertThat(outcomes).hasSize(input.data.size());
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome<Integer> outcome = outcomes.get(i);
            int element = input.data.get(i);
            assertThat(outcome.index()).isEqualTo(i);
            if (input.failing.contains(element)) {
                assertThat(outcome.isSuccess()).isFalse();
                assertThat(outcome.failure().index()).isEqualTo(i);
                assertThat(outcome.failure().getCause()).hasMessage("boom at " + element);
            } else {
                assertThat(outcome.value()).isEqualTo(element * 2);
            }
        }
    }

    @Provide
    Arbitrary<DataWithFailures> dataWithFailures() {
        return Arbitraries.integers().between(1, 200).flatMap(size -> Arbitraries.integers().between(0, size - 1)
                .set().ofMinSize(1).ofMaxSize(5)
                .map(failing -> new DataWithFailures(range(0, size), failing)));
    }

    /** Distinct elements 0..n-1, so that an element names its own index. */
    static final class DataWithFailures {
        final List<Integer> data;
        final Set<Integer> failing;

        DataWithFailures(List<Integer> data, Set<Integer> failing) {
            this.data = data;
            this.failing = failing;
        }

        @Override
        public String toString() {
            return data.size() + " elements failing at " + failing;
        }
    }

    @Test
    void failFastCancelsWorkNotStartedAndLeavesNothingRunning() throws Exception {
        Path log = Files.createTempFile("execmodels-failfast", ".log");
        try {
            List<Integer> data = range(0, 2_000);
            TaskFailedException failure = catchThrowableOfType(TaskFailedException.class,
                    () -> model().map(TestFunctions.loggedSleeper(log, 0, 5), data));
            assertThat(failure.index()).isZero();
            RunLog runLog = new RunLog(log);
            long started = runLog.count("start ");
            assertThat(started).as("elements started after element 0 failed").isLessThan(200);
            if (!capabilities().contains(Capability.PARALLEL)) {
                assertThat(started).isEqualTo(1);
            }
            assertThat(runLog.count("end ")).as("every started element has stopped when map throws")
                    .isEqualTo(started);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void theSameFailureThroughMapSubmitAndCompletableFuture() {
        TaskFailedException viaMap = catchThrowableOfType(TaskFailedException.class,
                () -> model().map(TestFunctions.failingAt(Set.of(3)), List.of(3)));
        TaskFailedException viaJoin = catchThrowableOfType(TaskFailedException.class,
                () -> model().submit(() -> TestFunctions.failingAt(Set.of(3)).apply(3)).join());
        CompletableFuture<Integer> future =
                model().submit(() -> TestFunctions.failingAt(Set.of(3)).apply(3)).toCompletableFuture();
        Throwable viaFuture = catchThrowableOfType(CompletionException.class, future::join).getCause();
        for (Throwable cause : List.of(viaMap.getCause(), viaJoin.getCause(), viaFuture)) {
            assertThat(cause).isInstanceOf(IllegalStateException.class).hasMessage("boom at 3");
        }
        assertThat(viaMap.index()).isZero();
        assertThat(viaJoin.index()).isEqualTo(TaskFailedException.NO_INDEX);
    }

    // ---- bad input

    @Test
    void nullArgumentsAreNamed() {
        ExecutionModel m = model();
        List<Integer> data = List.of(1);
        Fn<Integer, Long> fn = TestFunctions.affine(1);
        assertThatThrownBy(() -> m.map(null, data)).isInstanceOf(NullPointerException.class).hasMessage("fn");
        assertThatThrownBy(() -> m.map(fn, null)).isInstanceOf(NullPointerException.class).hasMessage("data");
        assertThatThrownBy(() -> m.map(fn, data, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("options");
        assertThatThrownBy(() -> m.mapOutcomes(null, data)).isInstanceOf(NullPointerException.class)
                .hasMessage("fn");
        assertThatThrownBy(() -> m.imap(fn, null)).isInstanceOf(NullPointerException.class).hasMessage("data");
        assertThatThrownBy(() -> m.imapUnordered(null, data)).isInstanceOf(NullPointerException.class)
                .hasMessage("fn");
        assertThatThrownBy(() -> m.submit(null)).isInstanceOf(NullPointerException.class).hasMessage("job");
    }

    // ---- submit

    @Test
    void submitAndJoin() throws Exception {
        Task<String> task = model().submit(TestFunctions.constant("done"));
        assertThat(task.join()).isEqualTo("done");
        assertThat(task.join(Duration.ofSeconds(1))).isEqualTo("done");
        assertThat(task.get()).isEqualTo("done");
        assertThat(task.status()).isEqualTo(Task.Status.SUCCEEDED);
        assertThat(task.isDone()).isTrue();
        assertThat(task.toCompletableFuture().thenApply(String::length).join()).isEqualTo(4);
    }

    @Test
    void submitFailureReachesJoinAndGet() {
        Task<String> task = model().submit(TestFunctions.failing("bad job"));
        assertThatThrownBy(task::join).isInstanceOf(TaskFailedException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("bad job");
        assertThatThrownBy(task::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("bad job");
        assertThat(task.status()).isEqualTo(Task.Status.FAILED);
    }

    @Test
    void cancellingADoneTaskChangesNothing() {
        Task<String> task = model().submit(TestFunctions.constant("done"));
        assertThat(task.join()).isEqualTo("done");
        assertThat(task.cancel(true)).isFalse();
        assertThat(task.isCancelled()).isFalse();
        assertThat(task.status()).isEqualTo(Task.Status.SUCCEEDED);
    }

    @Test
    void cancelStopsARunningJob() throws Exception {
        assume(Capability.ASYNC_SUBMIT);
        assume(Capability.INTERRUPTS_RUNNING_WORK);
        Path log = Files.createTempFile("execmodels-cancel", ".log");
        try {
            Task<String> task = model().submit(TestFunctions.loggedSleepJob(log, 60_000));
            RunLog runLog = new RunLog(log);
            awaitTrue(() -> runLog.count("start") == 1);
            assertThat(task.status()).isEqualTo(Task.Status.RUNNING);
            assertThat(task.cancel(true)).isTrue();
            assertThat(task.isCancelled()).isTrue();
            assertThat(task.status()).isEqualTo(Task.Status.CANCELLED);
            assertThatThrownBy(task::join).isInstanceOf(CancellationException.class);
            // the model may stop the work by interrupting it or by ending the process that runs it
            awaitTrue(() -> runLog.count("end") == 1 || !runsInThisProcess());
            assertThat(task.cancel(true)).isFalse();
            assertThat(model().submit(TestFunctions.constant(1)).join(Duration.ofSeconds(30))).isEqualTo(1);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void joinWithAnEndlessTimeoutWaitsForTheResult() {
        // Duration.ofSeconds(Long.MAX_VALUE).toNanos() overflows; a deadline of now + Long.MAX_VALUE wraps around
        assertThat(model().submit(TestFunctions.constant(7)).join(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(7);
        assertThat(model().submit(TestFunctions.constant(8)).join(Duration.ofNanos(Long.MAX_VALUE))).isEqualTo(8);
    }

    @Test
    void joinWithANegativeTimeoutDoesNotWait() {
        assume(Capability.ASYNC_SUBMIT);
        Task<Integer> task = model().submit(() -> TestFunctions.slowAt(1, 500).apply(1));
        assertThatThrownBy(() -> task.join(Duration.ofNanos(Long.MIN_VALUE))).isInstanceOf(WaitTimeoutException.class);
        assertThatThrownBy(() -> task.join(Duration.ofSeconds(Long.MIN_VALUE))).isInstanceOf(WaitTimeoutException.class);
        assertThatThrownBy(() -> task.join(Duration.ZERO)).isInstanceOf(WaitTimeoutException.class);
        assertThat(task.join(Duration.ofSeconds(30))).isEqualTo(1);
        assertThat(task.join(Duration.ofNanos(Long.MIN_VALUE))).as("a done task answers at once").isEqualTo(1);
    }

    @Test
    void mapWithAnEndlessTimeoutCompletes() {
        MapOptions endless = MapOptions.builder().timeout(Duration.ofSeconds(Long.MAX_VALUE))
                .taskTimeout(Duration.ofNanos(Long.MAX_VALUE)).build();
        List<Integer> data = List.of(1, 2, 3);
        List<Long> expected = Models.sequential().map(TestFunctions.affine(1), data);
        assertThat(model().map(TestFunctions.affine(1), data, endless)).isEqualTo(expected);
        assertThat(model().imap(TestFunctions.affine(1), data, endless).collect(Collectors.toList()))
                .isEqualTo(expected);
    }

    @Test
    void resultNowAndExceptionNowBehaveAsTheJdksFuture() throws Exception {
        Task<Integer> done = model().submit(TestFunctions.constant(5));
        done.join();
        assertThat(done.status()).isEqualTo(Task.Status.SUCCEEDED);
        assertThat(done.resultNow()).isEqualTo(5);
        assertThatThrownBy(done::exceptionNow).isInstanceOf(IllegalStateException.class);

        Task<String> failed = model().submit(TestFunctions.failing("no"));
        catchThrowableOfType(TaskFailedException.class, failed::join);
        assertThat(failed.status()).isEqualTo(Task.Status.FAILED);
        assertThat(failed.exceptionNow()).hasMessage("no");
        assertThatThrownBy(failed::resultNow).isInstanceOf(IllegalStateException.class);

        for (Task<?> task : List.of(done, failed)) {
            assertThat(jdkState(task)).as("Future.state() on JDK 19+").isIn(null,
                    task.status() == Task.Status.SUCCEEDED ? "SUCCESS" : "FAILED");
        }
    }

    @Test
    void resultNowAndExceptionNowRefuseACancelledOrRunningTask() throws Exception {
        assume(Capability.ASYNC_SUBMIT);
        Task<Integer> running = model().submit(() -> TestFunctions.slowAt(1, 300).apply(1));
        if (!running.isDone()) {
            assertThatThrownBy(running::resultNow).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(running::exceptionNow).isInstanceOf(IllegalStateException.class);
            assertThat(jdkState(running)).isIn(null, "RUNNING");
        }
        running.cancel(true);
        awaitTrue(running::isDone); // a cancel may take effect a moment later (the event loop's next turn)
        assertThat(running.status()).isEqualTo(Task.Status.CANCELLED);
        assertThatThrownBy(running::resultNow).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(running::exceptionNow).isInstanceOf(IllegalStateException.class);
        assertThat(jdkState(running)).isIn(null, "CANCELLED");
    }

    /** {@code Future.state()} by name where the runtime has it (JDK 19+), else {@code null}. */
    private static String jdkState(java.util.concurrent.Future<?> future) throws Exception {
        java.lang.reflect.Method state;
        try {
            state = java.util.concurrent.Future.class.getMethod("state");
        } catch (NoSuchMethodException onJdk17) {
            return null;
        }
        return String.valueOf(state.invoke(future));
    }

    @Test
    void joinWithTimeoutLeavesTheTaskRunning() throws Exception {
        assume(Capability.ASYNC_SUBMIT);
        Task<Integer> task = model().submit(() -> TestFunctions.slowAt(1, 500).apply(1));
        assertThatThrownBy(() -> task.join(Duration.ofMillis(1))).isInstanceOf(WaitTimeoutException.class)
                .isNotInstanceOf(TaskFailedException.class).hasMessageContaining("goes on running");
        assertThat(task.isCancelled()).isFalse();
        assertThat(task.join(Duration.ofSeconds(30))).isEqualTo(1);
    }

    /** Whether side effects of work are visible in this JVM's memory; the process model says no. */
    protected boolean runsInThisProcess() {
        return true;
    }

    // ---- lazy maps

    @Test
    void imapOnAnEndlessIterableReadsOnlyItsWindow() {
        CountingIterable endless = new CountingIterable();
        MapOptions options = MapOptions.builder().window(16).build();
        List<Long> first;
        try (Stream<Long> stream = model().imap(TestFunctions.affine(0), endless, options)) {
            first = stream.limit(50).collect(Collectors.toList());
        }
        assertThat(first).isEqualTo(range(0, 50).stream().map(x -> x * 31L).collect(Collectors.toList()));
        assertThat(endless.reads()).isBetween(50L, 50L + 16);
    }

    @Test
    void imapUnorderedYieldsEveryElementOnce() {
        List<Integer> data = range(0, 500);
        List<Integer> results;
        try (Stream<Integer> stream = model().imapUnordered(TestFunctions.reverseDurations(), data)) {
            results = stream.collect(Collectors.toList());
        }
        assertThat(results).containsExactlyInAnyOrderElementsOf(data);
    }

    @Test
    void imapOnEndlessInputInCompletionOrderReadsOnlyItsWindow() {
        CountingIterable endless = new CountingIterable();
        MapOptions options = MapOptions.builder().window(8).build();
        try (Stream<Long> stream = model().imapUnordered(TestFunctions.affine(0), endless, options)) {
            assertThat(stream.limit(20).count()).isEqualTo(20);
        }
        assertThat(endless.reads()).isBetween(20L, 20L + 8);
    }

    @Test
    void imapThrowsForAFailingElementInItsTurn() {
        List<Integer> data = range(0, 100);
        List<Integer> seen = new ArrayList<>();
        try (Stream<Integer> stream = model().imap(TestFunctions.failingAt(Set.of(40)), data)) {
            TaskFailedException failure = catchThrowableOfType(TaskFailedException.class,
                    () -> stream.forEach(seen::add));
            assertThat(failure.index()).isEqualTo(40);
        }
        assertThat(seen).isEqualTo(range(0, 40).stream().map(x -> x * 2).collect(Collectors.toList()));
    }

    // ---- options

    @Test
    void progressIsReportedUpToTheTotal() {
        List<long[]> reports = Collections.synchronizedList(new ArrayList<>());
        MapOptions options = MapOptions.builder().progress((done, total) -> reports.add(new long[] {done, total}))
                .build();
        model().map(TestFunctions.affine(0), range(0, 1_000), options);
        assertThat(reports).isNotEmpty();
        assertThat(reports.get(reports.size() - 1)).containsExactly(1_000, 1_000);
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i)[0]).isGreaterThan(reports.get(i - 1)[0]);
        }
    }

    @Test
    void taskTimeoutStopsTheSlowElement() {
        assume(Capability.INTERRUPTS_RUNNING_WORK);
        // 2 s, not less: on a loaded machine the first element a cold worker JVM runs may take a few hundred ms
        MapOptions options = MapOptions.builder().taskTimeout(Duration.ofSeconds(2)).build();
        TaskTimeoutException failure = catchThrowableOfType(TaskTimeoutException.class,
                () -> model().map(TestFunctions.slowAt(3, 60_000), range(0, 8), options));
        assertThat(failure.index()).isEqualTo(3);
        assertThat(failure.timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void mapTimeoutCancelsTheRest() {
        assume(Capability.INTERRUPTS_RUNNING_WORK);
        MapOptions options = MapOptions.builder().timeout(Duration.ofMillis(300)).build();
        TaskTimeoutException failure = catchThrowableOfType(TaskTimeoutException.class,
                () -> model().map(TestFunctions.slowAt(5, 60_000), range(0, 10), options));
        assertThat(failure.index()).isBetween(0L, 5L);
        assertThat(model().map(TestFunctions.affine(0), range(0, 3))).containsExactly(0L, 31L, 62L);
    }

    @Test
    void interruptingTheCallerCancelsTheMap() throws Exception {
        assume(Capability.INTERRUPTS_RUNNING_WORK);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagKept = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                model().map(TestFunctions.slowAt(0, 60_000), range(0, 4));
            } catch (Throwable t) {
                thrown.set(t);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        ExecutionModel m = model();
        assertThat(m).isNotNull();
        caller.start();
        Thread.sleep(200);
        caller.interrupt();
        caller.join(30_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        assertThat(flagKept.get()).isTrue();
    }

    // ---- close

    @Test
    void workAfterCloseIsRejected() {
        ExecutionModel m = model();
        m.close();
        assertThat(m.isClosed()).isTrue();
        assertThatThrownBy(() -> m.submit(TestFunctions.constant(1))).isInstanceOf(ModelClosedException.class)
                .hasMessageContaining(m.name());
        assertThatThrownBy(() -> m.map(TestFunctions.affine(0), List.of(1)))
                .isInstanceOf(ModelClosedException.class);
        assertThatThrownBy(() -> m.imap(TestFunctions.affine(0), List.of(1)))
                .isInstanceOf(ModelClosedException.class);
        m.close();
        assertThat(m.isClosed()).isTrue();
    }

    @Test
    void noThreadOfTheModelOutlivesClose() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        ExecutionModel m = newModel();
        try {
            m.map(TestFunctions.affine(0), range(0, 10_000));
            m.submit(TestFunctions.constant(1)).join();
        } finally {
            m.close();
        }
        List<Thread> left = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(thread) && !isJdkThread(thread) && !ownedByTheEnvironment(thread)) {
                thread.join(2_000); // a pool thread may still be on its way out of run()
                if (thread.isAlive()) {
                    left.add(thread);
                }
            }
        }
        assertThat(left).as("threads left after close()").isEmpty();
    }

    /**
     * Tells whether a thread belongs to something the test set up around the model rather than to the model, such
     * as a cluster member embedded in the test's JVM that starts threads on demand; none by default.
     */
    protected boolean ownedByTheEnvironment(Thread thread) {
        return false;
    }

    private static boolean isJdkThread(Thread thread) {
        String name = thread.getName();
        return name.equals("process reaper") || name.startsWith("ForkJoinPool.commonPool")
                || name.equals("Common-Cleaner") || name.equals("Attach Listener");
    }

    @Test
    void describesItself() {
        assertThat(model().name()).isNotBlank();
        assertThat(model().parallelism()).isPositive();
        if (capabilities().contains(Capability.PARALLEL)) {
            assertThat(model().parallelism()).isGreaterThan(1);
        }
    }

    // ---- helpers

    protected static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toList());
    }

    protected static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(5);
        }
    }
}
