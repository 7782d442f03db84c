package io.github.execmodels.benchmarks.threads;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Fn;
import io.github.execmodels.Models;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Speed target 2 (per-element overhead): an almost free function over 1,000,000 boxed integers.
 * {@code threads(2).map} against two plain-JDK baselines in the same run: {@code list.parallelStream().map(fn)
 * .toList()} (target: within 1.3x of it) and one {@code ExecutorService.submit} per element on a fixed pool of the
 * same size (target: at least 5x faster).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'threads.OverheadMapBenchmark' -f 1 -wi 5 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
public class OverheadMapBenchmark {

    @Param("1000000")
    int n;

    @Param("2")
    int threads;

    private List<Integer> numbers;
    private ExecutionModel pool;
    private ExecutorService executor;

    /** Almost free: one addition, and the boxing of its result. */
    private static final Fn<Integer, Integer> PLUS_ONE = x -> x + 1;

    @Setup(Level.Trial)
    public void setUp() {
        numbers = IntStream.range(0, n).boxed().collect(Collectors.toList());
        pool = Models.threads(threads);
        executor = Executors.newFixedThreadPool(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        pool.close();
        executor.shutdown();
        executor.awaitTermination(1, TimeUnit.MINUTES);
    }

    @Benchmark
    public List<Integer> threadsMap() {
        return pool.map(PLUS_ONE, numbers);
    }

    /** Baseline: the JDK's own data-parallel map (the common pool plus the calling thread). */
    @Benchmark
    public List<Integer> parallelStream() {
        return numbers.parallelStream().map(x -> x + 1).toList();
    }

    /** Baseline: what a plain executor user writes, one task per element, then every future in order. */
    @Benchmark
    public List<Integer> submitPerElement() throws InterruptedException, ExecutionException {
        List<Future<Integer>> futures = new ArrayList<>(numbers.size());
        for (Integer x : numbers) {
            futures.add(executor.submit(() -> x + 1));
        }
        List<Integer> results = new ArrayList<>(futures.size());
        for (Future<Integer> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
