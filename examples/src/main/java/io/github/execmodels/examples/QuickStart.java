package io.github.execmodels.examples;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Fn;
import io.github.execmodels.Models;
import io.github.execmodels.Task;
import io.github.execmodels.async.Async;
import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.Server;
import io.github.execmodels.async.ServerOptions;
import io.github.execmodels.async.TcpStream;
import io.github.execmodels.examples.primes.Primes;
import io.github.execmodels.process.CodecCheckingModel;
import io.github.execmodels.process.PoolHealth;
import io.github.execmodels.process.ProcessPoolModel;
import java.time.Duration;
import java.util.List;

/**
 * The snippets of the README and of the docs' model pages, compiled here and run by {@code DocSnippetsTest},
 * which also checks that every Java snippet in the docs appears in a source, so that the docs cannot drift from
 * the API.
 */
public final class QuickStart {

    private QuickStart() {
    }

    /** The README's quick start, and docs/index.md's. */
    public static void readme(List<Integer> numbers) {
        try (ExecutionModel model = Models.threads(4)) {
            List<Boolean> isPrime = model.map(Primes::isPrime, numbers); // ordered, blocking, fail-fast
            System.out.println(isPrime);
        }
    }

    /** The opening line of docs/sequential.md. */
    public static List<Integer> sequential(List<String> words) {
        List<Integer> lengths = Models.sequential().map(String::length, words);
        return lengths;
    }

    /** The opening snippet of docs/processes.md. */
    public static void processes(List<Integer> numbers) {
        try (ExecutionModel pool = Models.processes(2)) {   // close() stops the worker JVMs
            List<Boolean> primes = pool.map(Primes::isPrime, numbers);
            System.out.println(primes);
        }
    }

    /** The builder snippet of docs/processes.md. */
    public static void processPoolBuilder(List<Integer> numbers) {
        try (ProcessPoolModel pool = ProcessPoolModel.builder()
                .workers(4)
                .jvmOptions(List.of("-Xmx512m"))
                .taskTimeout(Duration.ofMinutes(1))
                .retries(1)
                .build()) {
            List<Boolean> results = pool.map(Primes::isPrime, numbers);
            PoolHealth health = pool.health();   // alive, started, replaced by reason
        }
    }

    /** The codec-checking snippet of docs/processes.md. */
    public static List<Boolean> codecChecked(List<Integer> numbers) {
        ExecutionModel model = CodecCheckingModel.builder().build();
        List<Boolean> checked = model.map(Primes::isPrime, numbers);   // throws what would fail across the pipe
        return checked;
    }

    /** The opening snippet of docs/event-loop.md. */
    public static void eventLoop(Fn<Integer, Long> fn, List<Integer> data) {
        try (ExecutionModel loop = Models.eventLoop()) {   // close() stops the loop's thread
            List<Long> result = loop.map(fn, data);   // one thread, one element per turn of the loop
            System.out.println(result);
        }
    }

    /** The gather snippet of docs/event-loop.md. */
    public static void gatheredSleeps() {
        // asyncio.run(main()) with three gathered sleeps: about one second, not three
        EventLoop.run(() -> Async.gather(Async.sleep(1.0), Async.sleep(1.0), Async.sleep(1.0)));
    }

    /** The server options snippet of docs/event-loop.md; call it on the loop's thread. */
    public static Server serverWithOptions(EventLoop loop) {
        ServerOptions options = ServerOptions.builder().maxConnections(1_000).idleTimeout(Duration.ofSeconds(30)).build();
        Server server = loop.startServer("127.0.0.1", 8080, options, conn -> handle(conn));
        return server;
    }

    /** Answers one line with itself. */
    private static Task<Void> handle(TcpStream conn) {
        return conn.readLine().thenCompose(line -> {
            conn.write(line);
            return conn.drain();
        });
    }

    public static void main(String[] args) {
        readme(List.of(1, 2, 3, 4, 5, 6, 7));
        System.out.println(sequential(List.of("one", "two", "three")));
    }
}
