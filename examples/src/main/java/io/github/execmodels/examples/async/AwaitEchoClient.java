package io.github.execmodels.examples.async;

import io.github.execmodels.async.Async;
import java.util.Arrays;
import java.util.List;

/**
 * {@link EchoClient} written with await-style coroutines (Java 21+): sends each argument as a line to
 * {@link AwaitEchoServer} (or {@link EchoServer}) and prints what comes back.
 *
 * <pre>
 * async def client(port, lines):                     static List&lt;String&gt; client(int port, List&lt;String&gt; lines) {
 *     reader, writer = await asyncio.open_connection(     TcpStream c = Async.await(Async.openConnection(
 *         '127.0.0.1', port)                                     "127.0.0.1", port));
 *     answers = []                                        List&lt;String&gt; answers = new ArrayList&lt;&gt;();
 *     for line in lines:                                  for (String line : lines) {
 *         writer.write((line + '\n').encode())                c.write(line + "\n");
 *         await writer.drain()                                Async.await(c.drain());
 *         answers.append(                                     answers.add(
 *             (await reader.readline()).decode().strip())             Async.await(c.readLineUtf8()));
 *                                                         }
 *     writer.close()                                      Async.await(c.close());
 *     return answers                                      return answers;
 *
 * asyncio.run(client(8888, ['hello']))               Async.run(() -&gt; client(8888, List.of("hello")));
 * </pre>
 *
 * <pre>
 * java ... io.github.execmodels.examples.async.AwaitEchoClient 8888 hello world
 * </pre>
 */
public final class AwaitEchoClient {

    private AwaitEchoClient() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8888;
        List<String> lines = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of("hello");
        for (String answer : echo(port, lines)) {
            System.out.println(answer);
        }
    }

    /**
     * Sends {@code lines} to the echo server on 127.0.0.1:{@code port} and returns its answers.
     *
     * @param port the server's port
     * @param lines the lines to send
     * @return the answers, one per line
     * @throws UnsupportedOperationException on Java 17: coroutines run on virtual threads
     */
    public static List<String> echo(int port, List<String> lines) {
        return Async.run(() -> AwaitEchoServer.client(port, lines));
    }
}
