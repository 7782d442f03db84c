package io.github.execmodels.examples.async;

import io.github.execmodels.Task;
import io.github.execmodels.TaskTimeoutException;
import io.github.execmodels.async.Async;
import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.Server;
import io.github.execmodels.async.TcpStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@link HelloHttpServer} written with await-style coroutines (Java 21+): requests on a kept-alive connection are
 * a {@code while} loop, and reading the head is a loop over lines, as an asyncio server reads.
 *
 * <pre>
 * async def serve(reader, writer):                   static Task&lt;Void&gt; serve(TcpStream c) {
 *                                                        return Async.coroutine(() -&gt; {
 *     while True:                                            while (true) {
 *         request = await read_head(reader)                      Request request = readHead(c);
 *         if request is None:                                    if (request == null) {
 *             return                                                 return null;
 *                                                                }
 *         if request.content_length:                             if (request.contentLength &gt; 0) {
 *             await reader.readexactly(                              Async.await(c.readExactly(
 *                 request.content_length)                                    request.contentLength));
 *                                                                }
 *         writer.write(RESPONSE)                                 c.write(request.close ? RESPONSE_CLOSE : RESPONSE);
 *         await writer.drain()                                   Async.await(c.drain());
 *         if request.close:                                      if (request.close) {
 *             return                                                 return null;
 *                                                                }
 * </pre>
 *
 * <pre>
 * java ... io.github.execmodels.examples.async.AwaitHelloHttpServer 8080     # then: curl http://127.0.0.1:8080/
 * </pre>
 */
public final class AwaitHelloHttpServer {

    private AwaitHelloHttpServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 600;
        Async.run(() -> {
            Server server = start(Async.loop(), port);
            System.out.println("hello server on http://" + server.localAddress().getHostString() + ":"
                    + server.port() + "/ for " + seconds + " s");
            try {
                Async.await(Async.sleep(seconds));
            } finally {
                server.close(true);
            }
            return null;
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
        return loop.startServer("127.0.0.1", port, AwaitHelloHttpServer::serve);
    }

    /** One connection: requests one after the other, until the client closes or asks to. */
    static Task<Void> serve(TcpStream c) {
        return Async.coroutine(() -> {
            try {
                while (true) {
                    HelloHttpServer.Request request = readHead(c);
                    if (request == null) {
                        return null; // end of stream between requests
                    }
                    if (request.contentLength > 0) {
                        Async.await(c.readExactly(request.contentLength));
                    }
                    c.write(request.close ? HelloHttpServer.RESPONSE_CLOSE : HelloHttpServer.RESPONSE);
                    Async.await(c.drain());
                    if (request.close) {
                        return null;
                    }
                }
            } catch (IOException | TaskTimeoutException e) {
                return null; // a broken or idle connection just ends
            }
        });
    }

    /** Reads the request line and headers; {@code null} at end of stream before a request. */
    private static HelloHttpServer.Request readHead(TcpStream c) throws Exception {
        HelloHttpServer.Request r = new HelloHttpServer.Request();
        while (true) {
            byte[] bytes = Async.await(Async.waitFor(c.readLine(), HelloHttpServer.IDLE));
            if (bytes.length == 0) {
                return null;
            }
            if (r.line(new String(bytes, StandardCharsets.ISO_8859_1).trim())) {
                return r;
            }
        }
    }
}
