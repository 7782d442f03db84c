package io.github.execmodels.examples;

import io.github.execmodels.Models;
import io.github.execmodels.examples.async.AsyncioDemo;
import io.github.execmodels.examples.async.AwaitAsyncioDemo;
import io.github.execmodels.examples.primes.PrimeExperiment;
import io.github.execmodels.examples.primes.PrimeExperiment.Row;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The showcase the README runs: the lecture's prime-number table on every model on the class path, then the
 * lecture's asyncio demo on the event loop.
 *
 * <p>Run {@code Showcase --help} for the flags.
 */
public final class Showcase {

    static final String USAGE = String.join("\n",
            "usage: Showcase [-n N] [-r R] [--sqrt] [--models spec,spec,...] [--sleep-ms MS] [--help]",
            "",
            "The lecture's experiments: timeit(get_prime_numbers(N), number=R) on each execution model,",
            "then the asyncio demo on the event loop (three sleeps awaited in turn, as tasks, gathered),",
            "in the callback style and, on Java 21+, with await-style coroutines.",
            "  -n N          numbers to test, 1..N (default 10000)",
            "  -r R          timed repetitions per model (default 25)",
            "  --sqrt        trial division up to the square root (default: up to n-1, as in the lecture)",
            "  --models L    comma-separated specs (default: " + String.join(",", PrimeExperiment.defaultSpecs()) + ")",
            "  --sleep-ms MS length of each sleep of the asyncio demo (default 1000)",
            "  --help        this text",
            "",
            "Every example has a main method (run it with: mvn -B -q -DskipTests package exec:exec -pl examples -am",
            "  -Dshowcase.main=<class> -Dshowcase.args=...); all live in io.github.execmodels.examples:",
            "  primes.PrimeExperiment     the prime table, as a library (Primes: isPrime, getPrimeNumbers)",
            "  basics.SubmitVersusMap     submit (one task per call) versus map (one function over an iterable) [spec]",
            "  workloads.CpuVersusIo      the same CPU-bound and I/O-bound workloads on every model",
            "  async.AsyncioDemo          three awaited sleeps (3 s), three tasks (1 s), gather (1 s)",
            "  async.Await*               the async examples with await-style coroutines (Java 21+): AwaitAsyncioDemo,",
            "                             AwaitEchoServer, AwaitEchoClient, AwaitHelloHttpServer",
            "  async.EchoServer [port]    a TCP echo server on the event loop; async.EchoClient [port] [text] talks to it",
            "  async.HelloHttpServer [port]  a minimal HTTP/1.1 server on the loop (try: curl http://127.0.0.1:8080/)",
            "  failures.FailureHandling   a task that throws, a worker that crashes, a timeout, a cancelled map",
            "  QuickStart                 the README's snippet",
            "Progress goes to standard error; the table to standard output.");

    private Showcase() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the showcase; returns the process exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options.help) {
            out.println(USAGE);
            return 0;
        }
        PrimeExperiment experiment = new PrimeExperiment(options.n, options.repetitions, options.sqrt);
        out.printf("get_prime_numbers(%d) x %d, %s trial division, Java %s, %d processors, models available: %s%n%n",
                options.n, options.repetitions, options.sqrt ? "square-root" : "linear (the lecture's)",
                Runtime.version().feature(), Runtime.getRuntime().availableProcessors(), Models.available());
        List<Row> rows = new ArrayList<>();
        for (String spec : options.models) {
            ProgressBar bar = new ProgressBar(err, spec, options.repetitions, ProgressBar.onTerminal());
            bar.update(0);
            rows.add(experiment.run(spec, bar::update));
            bar.finish();
        }
        Table.print(rows, out);
        if (Models.available().contains("event-loop")) {
            out.println();
            printAsyncioDemo(Duration.ofMillis(options.sleepMillis), out);
        }
        return 0;
    }

    private static void printAsyncioDemo(Duration sleep, PrintStream out) {
        double seconds = sleep.toNanos() / 1e9;
        out.printf(Locale.ROOT, "The asyncio demo on the event loop (one thread), sleeps of %.3f s:%n", seconds);
        printTimes(AsyncioDemo.timings(sleep), out);
        if (Runtime.version().feature() >= 21) {
            out.printf(Locale.ROOT, "The same with await-style coroutines (virtual threads under the loop's baton):%n");
            printTimes(AwaitAsyncioDemo.timings(sleep), out);
        } else {
            out.printf(Locale.ROOT, "The await-style coroutine demo (AwaitAsyncioDemo) skipped: it needs Java 21+%n");
        }
    }

    private static void printTimes(List<Duration> times, PrintStream out) {
        String[] what = {"three sleeps, each awaited in turn", "three tasks created, then awaited",
            "gather of three sleeps"};
        for (int i = 0; i < what.length; i++) {
            out.printf(Locale.ROOT, "  %-36s %7.3f s%n", what[i], times.get(i).toNanos() / 1e9);
        }
    }

    /** The command-line flags. */
    static final class Options {
        int n = 10_000;
        int repetitions = 25;
        boolean sqrt;
        boolean help;
        long sleepMillis = 1000;
        List<String> models = PrimeExperiment.defaultSpecs();

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-n":
                        options.n = positive("-n", value(args, ++i, "-n"));
                        break;
                    case "-r":
                        options.repetitions = positive("-r", value(args, ++i, "-r"));
                        break;
                    case "--sqrt":
                        options.sqrt = true;
                        break;
                    case "--models":
                        options.models = Arrays.asList(value(args, ++i, "--models").split(","));
                        break;
                    case "--sleep-ms":
                        options.sleepMillis = positive("--sleep-ms", value(args, ++i, "--sleep-ms"));
                        break;
                    case "--help":
                    case "-h":
                        options.help = true;
                        break;
                    default:
                        throw new IllegalArgumentException("unknown flag \"" + args[i] + "\"");
                }
            }
            return options;
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        private static int positive(String flag, String text) {
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + ": \"" + text + "\" is not a number");
            }
            if (value < 1) {
                throw new IllegalArgumentException(flag + ": " + value + " (expected: > 0)");
            }
            return value;
        }
    }
}
