package io.github.execmodels.benchmarks.threads;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Fn;
import io.github.execmodels.Models;
import io.github.execmodels.benchmarks.Workloads;
import java.util.List;
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
 * Speed target 1 (CPU-bound): {@code isPrime} by trial division over 1..2,000,000; {@code threads(2).map} against
 * the baseline {@code sequential().map}, in the same run. The target is a ratio of at least 1.8 on 2 cores.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'threads.CpuBoundMapBenchmark' -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CpuBoundMapBenchmark {

    @Param("2000000")
    int n;

    @Param("2")
    int threads;

    private List<Integer> numbers;
    private ExecutionModel sequential;
    private ExecutionModel pool;

    @Setup(Level.Trial)
    public void setUp() {
        numbers = IntStream.rangeClosed(1, n).boxed().collect(Collectors.toList());
        sequential = Models.sequential();
        pool = Models.threads(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sequential.close();
        pool.close();
    }

    private static final Fn<Integer, Boolean> IS_PRIME = Workloads::isPrime;

    @Benchmark
    public List<Boolean> sequentialMap() {
        return sequential.map(IS_PRIME, numbers);
    }

    @Benchmark
    public List<Boolean> threadsMap() {
        return pool.map(IS_PRIME, numbers);
    }
}
