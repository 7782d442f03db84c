package io.github.execmodels.examples.async;

import io.github.execmodels.Task;
import io.github.execmodels.async.Async;
import io.github.execmodels.async.AsyncTask;
import io.github.execmodels.async.TcpStream;
import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.Server;
import java.time.Duration;

/**
 * A line echo server on the event loop, asyncio's streams example: every line a client sends comes back; the
 * connection ends when the client closes or stays silent for a minute.
 *
 * <pre>
 * java ... io.github.execmodels.examples.async.EchoServer 8888     # then: nc 127.0.0.1 8888
 * </pre>
 */
public final class EchoServer {

    private EchoServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8888;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 600;
        EventLoop.run(() -> {
            Server server = start(Async.loop(), port);
            System.out.println("echo server on " + server.localAddress() + " for " + seconds + " s");
            return Async.sleep(seconds).andFinally(server::close); // bounded: the server stops after `seconds`
        });
    }

    /**
     * Starts the echo server on {@code loop}, bound to 127.0.0.1.
     *
     * @param loop the loop
     * @param port the port, 0 for any free one
     * @return the server
     */
    public static Server start(EventLoop loop, int port) {
        return loop.startServer("127.0.0.1", port, EchoServer::handle);
    }

    /** One connection: read a line, write it back, until end of stream. */
    static Task<Void> handle(TcpStream c) {
        return Async.waitFor(c.readLine(), Duration.ofMinutes(1)).thenCompose(line -> {
            if (line.length == 0) {
                return Async.completed(null); // the client closed
            }
            c.write(line);
            return c.drain().thenCompose(v -> handle(c));
        });
    }

    /** The client: sends each line and collects the answers. */
    static AsyncTask<java.util.List<String>> client(int port, java.util.List<String> lines) {
        return Async.openConnection("127.0.0.1", port).thenCompose(c -> exchange(c, lines, 0,
                new java.util.ArrayList<>()).andFinally(c::close));
    }

    private static AsyncTask<java.util.List<String>> exchange(TcpStream c, java.util.List<String> lines, int i,
            java.util.List<String> answers) {
        if (i == lines.size()) {
            return Async.completed(answers);
        }
        c.write(lines.get(i) + "\n");
        return c.drain().thenCompose(v -> c.readLineUtf8()).thenCompose(answer -> {
            answers.add(answer);
            return exchange(c, lines, i + 1, answers);
        });
    }
}
