package io.github.execmodels.benchmarks.async;

import io.github.execmodels.async.Async;
import io.github.execmodels.async.AsyncEvent;
import io.github.execmodels.async.AsyncTask;
import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.Server;
import io.github.execmodels.async.TcpStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole-run figures of await-style coroutines (Java 21+), each beside its same-run baseline: the callback style on
 * the same loop and, from files, Python's asyncio ({@code asyncio_bench.py --json}). The Vert.x anchor
 * ({@code run.sh} of the Vert.x anchor, {@code Future.await()} on a virtual-thread verticle) is run beside it with the same heap
 * flags. As the Vert.x anchor does, every round runs every part once (so drift spreads over all parts), after
 * {@code --warmup} rounds; each figure is the median of {@code --rounds} rounds, with the range.
 *
 * <pre>
 * java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar io.github.execmodels.benchmarks.async.CoroutineBenchmark \
 *     [--rounds 5] [--warmup 2] [--million] [--python py_b.json] [--python py_ef.json]
 * </pre>
 *
 * <table>
 *   <caption>parts</caption>
 *   <tr><td>1</td><td>await round trip: a new promise, a callback that completes it ({@code callSoon}), await it;
 *       N=200,000; ns each</td></tr>
 *   <tr><td>2 / 2b</td><td>await of {@code Async.completed(x)} / of a promise completed just before;
 *       N=2,000,000; ns each</td></tr>
 *   <tr><td>3</td><td>100,000 coroutines each await {@code sleep(10 ms)}, gathered: wall; the callback style
 *       ({@code spawn(() -> sleep(10 ms))}) in the same round; with {@code --million} also 1,000,000</td></tr>
 *   <tr><td>3b</td><td>100,000 coroutines each awaiting its own pending promise: heap held per suspended
 *       coroutine (after a full GC, less the heap before them)</td></tr>
 *   <tr><td>4</td><td>TCP echo, 100 connections x 2,000 round trips of 64 B, client and server on one loop:
 *       coroutine style and callback style ({@link EchoBenchmark}) in the same round</td></tr>
 * </table>
 */
public final class CoroutineBenchmark {

    private static final int MSG = 64;

    private final Map<String, List<Double>> figures = new LinkedHashMap<>();

    private CoroutineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 5;
        int warmup = 2;
        boolean million = false;
        List<Path> python = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds":
                    rounds = Integer.parseInt(args[++i]);
                    break;
                case "--warmup":
                    warmup = Integer.parseInt(args[++i]);
                    break;
                case "--million":
                    million = true;
                    break;
                case "--python":
                    python.add(Path.of(args[++i]));
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "java %s, heap %d MiB, %d cpus, virtual-thread carriers: %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("jdk.virtualThreadScheduler.parallelism", "default (one per cpu)"));
        CoroutineBenchmark b = new CoroutineBenchmark();
        for (int r = -warmup; r < rounds; r++) {
            b.round(r >= 0, million);
            System.out.println((r < 0 ? "warm-up round " : "round ") + (r + (r < 0 ? warmup + 1 : 1)) + " done");
        }
        b.print(python);
    }

    private void round(boolean keep, boolean million) throws Exception {
        record(keep, "1. await round trip, N=200,000 (ns)", roundTrip(200_000));
        record(keep, "2. await of a completed task, N=2,000,000 (ns)", awaitDone(2_000_000, false));
        record(keep, "2b. await of a promise completed just before, N=2,000,000 (ns)", awaitDone(2_000_000, true));
        System.gc();
        double coroutines = sleepers(100_000);
        double callbacks = EventLoopBenchmark.sleepers(100_000);
        record(keep, "3. 100,000 coroutines await sleep(10 ms), gathered: wall (ms)", coroutines * 1e3);
        record(keep, "3. callback style, same: wall (ms)", callbacks * 1e3);
        record(keep, "3. ratio coroutines / callback style", coroutines / callbacks);
        if (million) {
            System.gc();
            record(keep, "3. 1,000,000 coroutines await sleep(10 ms): wall (ms)", sleepers(1_000_000) * 1e3);
            record(keep, "3. callback style, 1,000,000: wall (ms)", EventLoopBenchmark.sleepers(1_000_000) * 1e3);
        }
        record(keep, "3b. heap held per suspended coroutine (B)", bytesPerSuspended(100_000));
        double echo = echo(100, 2_000);
        double echoCallbacks = EchoBenchmark.run(100, 2_000).rate;
        record(keep, "4. echo 100 conns x 2,000, coroutines (round trips/s)", echo);
        record(keep, "4. echo, callback style (round trips/s)", echoCallbacks);
        record(keep, "4. ratio coroutines / callback style", echo / echoCallbacks);
    }

    private void record(boolean keep, String name, double value) {
        if (keep) {
            figures.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private void print(List<Path> python) throws IOException {
        System.out.println();
        System.out.println("| part | median | range |");
        System.out.println("|---|---|---|");
        for (Map.Entry<String, List<Double>> e : figures.entrySet()) {
            List<Double> v = e.getValue();
            System.out.printf(Locale.ROOT, "| %s | %s | %s - %s |%n", e.getKey(), fmt(median(v)),
                    fmt(v.stream().mapToDouble(Double::doubleValue).min().orElse(0)),
                    fmt(v.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
        }
        for (Path p : python) {
            Double sleep = EventLoopBenchmark.pythonMedian(p, "b_sleep10ms_x100000_wall");
            if (sleep != null) {
                double ours = median(figures.get("3. 100,000 coroutines await sleep(10 ms), gathered: wall (ms)"));
                System.out.printf(Locale.ROOT, "asyncio 100,000 sleep(10 ms) gathered: %.0f ms; coroutines / asyncio:"
                        + " %.3fx%n", sleep * 1e3, ours / (sleep * 1e3));
            }
            Double echo = EventLoopBenchmark.pythonMedian(p, "e_echo_100conn_x2000_inproc");
            if (echo != null) {
                double ours = median(figures.get("4. echo 100 conns x 2,000, coroutines (round trips/s)"));
                System.out.printf(Locale.ROOT, "asyncio echo 100 conns: %,.0f round trips/s; coroutines / asyncio:"
                        + " %.2fx%n", echo, ours / echo);
            }
        }
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Part 1: a callback completes a promise the body awaits; ns per round trip. */
    static double roundTrip(int n) {
        return Async.run(() -> {
            EventLoop loop = Async.loop();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                AsyncTask<Integer> promise = Async.promise();
                Integer value = i;
                loop.callSoon(() -> promise.complete(value));
                if (Async.await(promise) != i) {
                    throw new AssertionError("wrong value");
                }
            }
            return (System.nanoTime() - t0) / (double) n;
        });
    }

    /** Part 2: await of a task that is done already; ns each. */
    static double awaitDone(int n, boolean promise) {
        return Async.run(() -> {
            long sum = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                AsyncTask<Integer> done;
                if (promise) {
                    done = Async.promise();
                    done.complete(i);
                } else {
                    done = Async.completed(i);
                }
                sum += Async.await(done);
            }
            double ns = (System.nanoTime() - t0) / (double) n;
            if (sum != (long) n * (n - 1) / 2) {
                throw new AssertionError("wrong sum");
            }
            return ns;
        });
    }

    /** Part 3: n coroutines that each await a 10 ms sleep, gathered; seconds. */
    static double sleepers(int n) {
        return Async.run(() -> {
            long t0 = System.nanoTime();
            List<AsyncTask<Void>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tasks.add(Async.coroutine(() -> Async.await(Async.sleep(0.01))));
            }
            Async.await(Async.gather(tasks));
            return (System.nanoTime() - t0) / 1e9;
        });
    }

    /** Part 3b: heap held per coroutine suspended on its own pending promise. */
    static double bytesPerSuspended(int n) {
        return Async.run(() -> {
            List<AsyncTask<Integer>> promises = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                promises.add(Async.promise());
            }
            long before = usedAfterGc();
            List<AsyncTask<Integer>> bodies = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                AsyncTask<Integer> p = promises.get(i);
                bodies.add(Async.coroutine(() -> Async.await(p)));
            }
            Async.await(Async.sleep(0)); // every body has started and is suspended
            Async.await(Async.sleep(0));
            long after = usedAfterGc();
            for (int i = 0; i < n; i++) {
                promises.get(i).complete(i);
            }
            Async.await(Async.gather(bodies));
            return (after - before) / (double) n;
        });
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Part 4: echo with a coroutine per server connection and per client; round trips per second. */
    static double echo(int conns, int rounds) {
        return Async.run(() -> {
            Server server = Async.loop().startServer("127.0.0.1", 0, c -> Async.coroutine(() -> {
                try {
                    while (true) {
                        c.write(Async.await(c.readExactly(MSG)));
                        Async.await(c.drain());
                    }
                } catch (IOException endOfStream) {
                    return null;
                }
            }));
            AsyncEvent gate = new AsyncEvent();
            int[] ready = {0};
            long[] start = new long[1];
            List<AsyncTask<Void>> clients = new ArrayList<>();
            for (int i = 0; i < conns; i++) {
                clients.add(Async.coroutine(() -> {
                    TcpStream c = Async.await(Async.openConnection("127.0.0.1", server.port()));
                    byte[] msg = new byte[MSG];
                    Arrays.fill(msg, (byte) 'x');
                    trips(c, msg, 200);
                    if (++ready[0] == conns) {
                        start[0] = System.nanoTime();
                        gate.set();
                    }
                    Async.await(gate.await());
                    trips(c, msg, rounds);
                    Async.await(c.close());
                    return null;
                }));
            }
            Async.await(Async.gather(clients));
            double seconds = (System.nanoTime() - start[0]) / 1e9;
            server.close(true);
            return conns * (double) rounds / seconds;
        });
    }

    private static void trips(TcpStream c, byte[] msg, int rounds) throws Exception {
        for (int i = 0; i < rounds; i++) {
            c.write(msg);
            Async.await(c.drain());
            Async.await(c.readExactly(MSG));
        }
    }
}
