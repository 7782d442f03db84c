package io.github.execmodels.examples.async;

import io.github.execmodels.Task;
import io.github.execmodels.async.Async;
import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.Server;
import io.github.execmodels.async.TcpStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link EchoServer} written with await-style coroutines (Java 21+): the loop over lines is a {@code while} loop,
 * as in asyncio's streams example, instead of a function that composes a call to itself.
 *
 * <pre>
 * async def handle(reader, writer):                      static Task&lt;Void&gt; handle(TcpStream c) {
 *                                                            return Async.coroutine(() -&gt; {
 *     while True:                                                while (true) {
 *         line = await asyncio.wait_for(                             byte[] line = Async.await(Async.waitFor(
 *             reader.readline(), 60)                                         c.readLine(), Duration.ofMinutes(1)));
 *         if not line:                                               if (line.length == 0) {
 *             break                                                      return null;
 *                                                                    }
 *         writer.write(line)                                         c.write(line);
 *         await writer.drain()                                       Async.await(c.drain());
 *                                                                }
 *                                                            });
 * </pre>
 *
 * <pre>
 * java ... io.github.execmodels.examples.async.AwaitEchoServer 8888     # then: nc 127.0.0.1 8888
 * </pre>
 */
public final class AwaitEchoServer {

    private AwaitEchoServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8888;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 600;
        Async.run(() -> {
            Server server = start(Async.loop(), port);
            System.out.println("echo server on " + server.localAddress() + " for " + seconds + " s");
            try {
                Async.await(Async.sleep(seconds)); // bounded: the server stops after `seconds`
            } finally {
                server.close();
            }
            return null;
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
        return loop.startServer("127.0.0.1", port, AwaitEchoServer::handle);
    }

    /** One connection: read a line, write it back, until end of stream. */
    static Task<Void> handle(TcpStream c) {
        return Async.coroutine(() -> {
            while (true) {
                byte[] line = Async.await(Async.waitFor(c.readLine(), Duration.ofMinutes(1)));
                if (line.length == 0) {
                    return null; // the client closed
                }
                c.write(line);
                Async.await(c.drain());
            }
        });
    }

    /** The client, in a coroutine body: sends each line and collects the answers. */
    static List<String> client(int port, List<String> lines) throws Exception {
        TcpStream c = Async.await(Async.openConnection("127.0.0.1", port));
        try {
            List<String> answers = new ArrayList<>();
            for (String line : lines) {
                c.write(line + "\n");
                Async.await(c.drain());
                answers.add(Async.await(c.readLineUtf8()));
            }
            return answers;
        } finally {
            Async.await(c.close());
        }
    }
}
