package io.github.execmodels.benchmarks.threads;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Fn;
import io.github.execmodels.Models;
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
 * Speed target 3 (IO-bound): 2,000 tasks that each sleep 10 ms; {@code virtualThreads().map} against the baseline
 * {@code threads(2).map}, in the same run (target: at least 20x faster). Needs a Java 21+ runtime to run the
 * virtual-thread side; each call takes about 10 s on the pool of two, hence single-shot measurements.
 *
 * <pre>
 * $JDK21/bin/java -jar benchmarks/target/benchmarks.jar 'threads.IoBoundMapBenchmark' -f 1 -wi 1 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class IoBoundMapBenchmark {

    @Param("2000")
    int tasks;

    @Param("10")
    int sleepMillis;

    private List<Integer> inputs;
    private ExecutionModel pool;
    private ExecutionModel virtual;
    private Fn<Integer, Integer> sleeper;

    @Setup(Level.Trial)
    public void setUp() {
        inputs = IntStream.range(0, tasks).boxed().collect(Collectors.toList());
        pool = Models.threads(2);
        virtual = Models.virtualThreads();
        long millis = sleepMillis;
        sleeper = x -> {
            Thread.sleep(millis);
            return x;
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
        virtual.close();
    }

    @Benchmark
    public List<Integer> threadsMap() {
        return pool.map(sleeper, inputs);
    }

    @Benchmark
    public List<Integer> virtualThreadsMap() {
        return virtual.map(sleeper, inputs);
    }
}
