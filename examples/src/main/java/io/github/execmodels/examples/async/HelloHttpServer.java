package io.github.execmodels.examples.async;

import io.github.execmodels.Task;
import io.github.execmodels.async.Async;
import io.github.execmodels.async.AsyncTask;
import io.github.execmodels.async.TcpStream;
import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.Server;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 server on the event loop that answers {@code Hello, world!} to every request: keep-alive,
 * {@code Content-Length}, request bodies skipped by their {@code Content-Length}. Good enough for {@code curl} and
 * for a load generator such as {@code wrk}; not a real HTTP server (no chunked request bodies, no pipelining
 * guarantees beyond order).
 *
 * <pre>
 * java ... io.github.execmodels.examples.async.HelloHttpServer 8080     # then: curl http://127.0.0.1:8080/
 * </pre>
 */
public final class HelloHttpServer {

    private static final byte[] BODY = "Hello, world!\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
            + BODY.length + "\r\n\r\n" + new String(BODY, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
    static final byte[] RESPONSE_CLOSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
            + BODY.length + "\r\nConnection: close\r\n\r\n" + new String(BODY, StandardCharsets.US_ASCII))
            .getBytes(StandardCharsets.US_ASCII);
    static final Duration IDLE = Duration.ofSeconds(30);

    private HelloHttpServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 600;
        EventLoop.run(() -> {
            Server server = start(Async.loop(), port);
            System.out.println("hello server on http://" + server.localAddress().getHostString() + ":"
                    + server.port() + "/ for " + seconds + " s");
            return Async.sleep(seconds).andFinally(() -> server.close(true));
        });
    }

    /**
     * Starts the server on {@code loop}, bound to 127.0.0.1.
     *
     * @param loop the loop
     * @param port the port, 0 for any free one
     * @return the server
     */
    public static Server start(EventLoop loop, int port) {
        return loop.startServer("127.0.0.1", port, HelloHttpServer::serve);
    }

    /** One connection: requests one after the other, until the client closes or asks to. */
    static Task<Void> serve(TcpStream c) {
        AsyncTask<Void> done = Async.promise();
        next(c, done);
        return done;
    }

    private static void next(TcpStream c, AsyncTask<Void> done) {
        readHead(c, new Request()).thenCompose(request -> {
            if (request == null) {
                return Async.completed(Boolean.FALSE); // end of stream between requests
            }
            AsyncTask<byte[]> body = request.contentLength > 0 ? c.readExactly(request.contentLength)
                    : Async.completed(null);
            return body.thenCompose(ignored -> {
                c.write(request.close ? RESPONSE_CLOSE : RESPONSE);
                return c.drain();
            }).thenApply(v -> !request.close);
        }).thenApply(keepAlive -> {
            if (keepAlive) {
                next(c, done);
            } else {
                done.complete(null);
            }
            return null;
        }).recover(e -> {
            done.complete(null); // a broken or idle connection just ends
            return null;
        });
    }

    /** A request's head, read line by line: shared with {@link AwaitHelloHttpServer}. */
    static final class Request {
        boolean first = true;
        boolean close;
        boolean http10;
        int contentLength;

        /**
         * Takes the next line of the head (trimmed).
         *
         * @return {@code true} once the blank line that ends the head was read
         */
        boolean line(String line) {
            if (first) {
                first = false;
                http10 = line.endsWith("HTTP/1.0");
                close = http10;
                return false;
            }
            if (line.isEmpty()) {
                return true;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                if (name.equals("content-length")) {
                    contentLength = Integer.parseInt(value);
                } else if (name.equals("connection")) {
                    close = value.equals("close") || (http10 && !value.equals("keep-alive"));
                }
            }
            return false;
        }
    }

    /** Reads the request line and headers; completes with {@code null} at end of stream before a request. */
    private static AsyncTask<Request> readHead(TcpStream c, Request r) {
        return Async.waitFor(c.readLine(), IDLE).thenCompose(bytes -> {
            if (bytes.length == 0) {
                return Async.completed(null);
            }
            if (r.line(new String(bytes, StandardCharsets.ISO_8859_1).trim())) {
                return Async.completed(r);
            }
            return readHead(c, r);
        });
    }
}
