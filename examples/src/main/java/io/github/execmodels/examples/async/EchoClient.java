package io.github.execmodels.examples.async;

import io.github.execmodels.async.EventLoop;
import java.util.Arrays;
import java.util.List;

/**
 * The client of {@link EchoServer}: sends each argument as a line and prints what comes back.
 *
 * <pre>
 * java ... io.github.execmodels.examples.async.EchoClient 8888 hello world
 * </pre>
 */
public final class EchoClient {

    private EchoClient() {
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
     */
    public static List<String> echo(int port, List<String> lines) {
        return EventLoop.run(() -> EchoServer.client(port, lines));
    }
}
