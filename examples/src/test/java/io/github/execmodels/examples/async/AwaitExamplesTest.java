package io.github.execmodels.examples.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.execmodels.async.EventLoop;
import io.github.execmodels.async.Server;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The await-style examples: the same outcomes as their callback-style twins (Java 21+); a clear error on 17. */
@Timeout(60)
class AwaitExamplesTest {

    private static boolean java21() {
        return Runtime.version().feature() >= 21;
    }

    @Test
    void onJava17TheDemoSaysItNeedsJava21() {
        Assumptions.assumeFalse(java21());
        assertThatThrownBy(() -> AwaitAsyncioDemo.timings(Duration.ofMillis(1)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("Java 21");
    }

    @Test
    void sequentialSleepsAddUpAndTheOthersWaitAtLeastOneSleep() {
        Assumptions.assumeTrue(java21());
        Duration sleep = Duration.ofMillis(20);
        List<Duration> t = AwaitAsyncioDemo.timings(sleep);
        assertThat(t).hasSize(3);
        // lower bounds only: a sleep never ends early; upper bounds would test the machine's speed
        assertThat(t.get(0)).isGreaterThanOrEqualTo(sleep.multipliedBy(3));
        assertThat(t.get(1)).isGreaterThanOrEqualTo(sleep);
        assertThat(t.get(2)).isGreaterThanOrEqualTo(sleep);
    }

    @Test
    void theAwaitClientGetsEveryLineBackFromBothServers() {
        Assumptions.assumeTrue(java21());
        List<String> lines = List.of("hello", "event loop", "ünïcödé");
        try (EventLoop loop = EventLoop.builder().build()) {
            Server awaitServer = AwaitEchoServer.start(loop, 0);
            Server callbackServer = EchoServer.start(loop, 0);
            try {
                assertThat(AwaitEchoClient.echo(awaitServer.port(), lines)).containsExactlyElementsOf(lines);
                assertThat(AwaitEchoClient.echo(callbackServer.port(), lines)).containsExactlyElementsOf(lines);
                assertThat(EchoClient.echo(awaitServer.port(), lines)).containsExactlyElementsOf(lines);
            } finally {
                awaitServer.close(true);
                callbackServer.close(true);
            }
        }
    }

    @Test
    void theAwaitHttpServerAnswersOnOneKeptAliveConnection() throws Exception {
        Assumptions.assumeTrue(java21());
        try (EventLoop loop = EventLoop.builder().build()) {
            Server server = AwaitHelloHttpServer.start(loop, 0);
            try {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                URI uri = URI.create("http://127.0.0.1:" + server.port() + "/anything");
                for (int i = 0; i < 5; i++) {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.body()).isEqualTo("Hello, world!\n");
                }
                HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString("some body")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(post.body()).isEqualTo("Hello, world!\n");
                assertThat(server.connections()).isEqualTo(1);
            } finally {
                server.close(true);
            }
        }
    }

    @Test
    void theAwaitHttpServerAnswersTwoPipelinedRequestsThenCloses() throws Exception {
        Assumptions.assumeTrue(java21());
        try (EventLoop loop = EventLoop.builder().build()) {
            Server server = AwaitHelloHttpServer.start(loop, 0);
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                String all = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(all.split("HTTP/1.1 200 OK", -1)).hasSize(3);
                assertThat(all).contains("Content-Length: 14").endsWith("Hello, world!\n");
            } finally {
                server.close(true);
            }
        }
    }
}
