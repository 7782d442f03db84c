package io.github.execmodels.benchmarks.async;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The baseline of the HTTP example's load test: the same tiny "Hello, world!" server written with the JDK's
 * {@code com.sun.net.httpserver}, on 127.0.0.1, with a fixed pool of {@code threads} threads (default 2).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.execmodels.benchmarks.async.JdkHelloHttpServer 8081 [threads] [seconds]
 * wrk -t 2 -c 64 -d 10s http://127.0.0.1:8081/
 * </pre>
 */
public final class JdkHelloHttpServer {

    private static final byte[] BODY = "Hello, world!\n".getBytes(StandardCharsets.US_ASCII);

    private JdkHelloHttpServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 600;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        server.setExecutor(pool);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.start();
        System.out.println("jdk hello server on http://127.0.0.1:" + port + "/ for " + seconds + " s");
        Thread.sleep(seconds * 1000); // bounded lifetime
        server.stop(0);
        pool.shutdownNow();
    }
}
