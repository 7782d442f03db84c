package io.github.execmodels.benchmarks.async;

import io.github.execmodels.Task;
import io.github.execmodels.async.Async;
import io.github.execmodels.async.AsyncEvent;
import io.github.execmodels.async.AsyncTask;
import io.github.execmodels.async.TcpStream;
import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.Server;
import java.io.EOFException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * TCP echo on one event loop, client and server in one process, as {@code asyncio_bench.py} parts e and f do:
 * 100 connections x 2,000 round trips of 64 bytes (round trips per second), and one connection x 50,000 round trips
 * (rate and latency percentiles). Each client first makes 200 untimed round trips; a gate then starts them together.
 * Every figure is the median of {@code --repeats} runs after full-size warm-up runs (the JIT compiles during them).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.execmodels.benchmarks.async.EchoBenchmark [--python py.json]
 * </pre>
 */
public final class EchoBenchmark {

    private static final String HOST = "127.0.0.1";
    private static final int MSG = 64;

    private EchoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int repeats = 3;
        List<Path> python = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--repeats")) {
                repeats = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--python")) {
                python.add(Path.of(args[++i]));
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "java %s, %d cpus%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        run(100, 2_000); // warm-up: two full runs, so that the JIT has compiled the hot path
        run(100, 2_000);
        double[] many = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            many[i] = run(100, 2_000).rate;
        }
        run(1, 50_000); // warm-up
        double[] oneRate = new double[repeats];
        double[] p50 = new double[repeats];
        double[] p99 = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            Result r = run(1, 50_000);
            oneRate[i] = r.rate;
            long[] lat = r.latencies;
            Arrays.sort(lat);
            p50[i] = lat[(int) Math.round(0.50 * (lat.length - 1))] / 1000.0;
            p99[i] = lat[(int) Math.round(0.99 * (lat.length - 1))] / 1000.0;
        }
        double eMedian = median(many);
        double fRate = median(oneRate);
        double f50 = median(p50);
        double f99 = median(p99);
        System.out.printf(Locale.ROOT, "e_echo_100conn_x2000      median %,12.0f round trips/s  runs %s%n", eMedian,
                Arrays.toString(many));
        System.out.printf(Locale.ROOT, "f_echo_1conn_x50000_rate  median %,12.0f round trips/s  runs %s%n", fRate,
                Arrays.toString(oneRate));
        System.out.printf(Locale.ROOT, "f_echo_1conn_p50          median %12.1f us  runs %s%n", f50,
                Arrays.toString(p50));
        System.out.printf(Locale.ROOT, "f_echo_1conn_p99          median %12.1f us  runs %s%n", f99,
                Arrays.toString(p99));
        for (Path p : python) {
            Double pe = EventLoopBenchmark.pythonMedian(p, "e_echo_100conn_x2000_inproc");
            Double pf = EventLoopBenchmark.pythonMedian(p, "f_echo_1conn_x50000_inproc_rate");
            Double p50py = EventLoopBenchmark.pythonMedian(p, "f_echo_1conn_inproc_p50");
            Double p99py = EventLoopBenchmark.pythonMedian(p, "f_echo_1conn_inproc_p99");
            if (pe == null || pf == null || p50py == null || p99py == null) {
                continue;
            }
            System.out.println();
            System.out.println("| anchor | asyncio (median) | execmodels event loop (median) | ratio |");
            System.out.println("|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| echo, 100 conns x 2,000 x 64 B, one loop | %,.0f RT/s | %,.0f RT/s | %.1fx |%n",
                    pe, eMedian, eMedian / pe);
            System.out.printf(Locale.ROOT, "| echo, 1 conn x 50,000, one loop | %,.0f RT/s | %,.0f RT/s | %.1fx |%n",
                    pf, fRate, fRate / pf);
            System.out.printf(Locale.ROOT, "| latency p50 | %.1f us | %.1f us | %.2fx |%n", p50py, f50, p50py / f50);
            System.out.printf(Locale.ROOT, "| latency p99 | %.1f us | %.1f us | %.2fx |%n", p99py, f99, p99py / f99);
        }
    }

    private static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    static final class Result {
        final double rate;
        final long[] latencies;

        Result(double rate, long[] latencies) {
            this.rate = rate;
            this.latencies = latencies;
        }
    }

    /** One run: a server and {@code conns} clients on one new loop. */
    static Result run(int conns, int rounds) {
        return EventLoop.run(() -> {
            Server server = Async.loop().startServer(HOST, 0, EchoBenchmark::echo);
            AsyncEvent gate = new AsyncEvent();
            long[] latencies = conns == 1 ? new long[rounds] : null;
            int[] ready = {0};
            long[] start = new long[1];
            List<Task<Void>> clients = new ArrayList<>();
            for (int i = 0; i < conns; i++) {
                clients.add(Async.openConnection(HOST, server.port()).thenCompose(c -> {
                    byte[] msg = new byte[MSG];
                    Arrays.fill(msg, (byte) 'x');
                    return trips(c, msg, 200, null).thenCompose(v -> {
                        if (++ready[0] == conns) {
                            start[0] = System.nanoTime();
                            gate.set();
                        }
                        return gate.await();
                    }).thenCompose(v -> trips(c, msg, rounds, latencies)).andFinally(c::close);
                }));
            }
            return Async.gather(clients).thenApply(v -> {
                double seconds = (System.nanoTime() - start[0]) / 1e9;
                server.close(true);
                return new Result((double) conns * rounds / seconds, latencies);
            });
        });
    }

    private static AsyncTask<Void> trips(TcpStream c, byte[] msg, int rounds, long[] latencies) {
        AsyncTask<Void> done = Async.promise();
        step(c, msg, rounds, 0, latencies, done);
        return done;
    }

    /** One round trip, then the next, without building a chain as long as the run. */
    private static void step(TcpStream c, byte[] msg, int rounds, int i, long[] latencies, AsyncTask<Void> done) {
        if (i == rounds) {
            done.complete(null);
            return;
        }
        long t0 = System.nanoTime();
        c.write(msg);
        c.drain().thenCompose(v -> c.readExactly(MSG)).thenApply(back -> {
            if (latencies != null) {
                latencies[i] = System.nanoTime() - t0;
            }
            step(c, msg, rounds, i + 1, latencies, done);
            return null;
        }).recover(e -> {
            done.fail(e);
            return null;
        });
    }

    /** The server side: echo 64-byte messages until the client closes. */
    private static Task<Void> echo(TcpStream c) {
        AsyncTask<Void> done = Async.promise();
        echoStep(c, done);
        return done;
    }

    private static void echoStep(TcpStream c, AsyncTask<Void> done) {
        c.readExactly(MSG).thenCompose(data -> {
            c.write(data);
            return c.drain();
        }).thenApply(v -> {
            echoStep(c, done);
            return null;
        }).recover(e -> {
            if (e instanceof EOFException || e instanceof java.io.IOException) {
                done.complete(null);
            } else {
                done.fail(e);
            }
            return null;
        });
    }
}
