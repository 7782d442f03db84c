package io.github.execmodels.examples.async;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP hello server, callback style and await style (Java 21+): the same answers. */
@Timeout(60)
class HelloHttpServerTest {

    private static Server start(String style, EventLoop loop) {
        if (style.equals("await")) {
            Assumptions.assumeTrue(Runtime.version().feature() >= 21, "coroutines need Java 21+");
            return AwaitHelloHttpServer.start(loop, 0);
        }
        return HelloHttpServer.start(loop, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"callbacks", "await"})
    void answersTheJdkHttpClientOnOneKeptAliveConnection(String style) throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            Server server = start(style, loop);
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
                assertThat(server.connections()).isEqualTo(1); // keep-alive: one connection for all six
            } finally {
                server.close(true);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"callbacks", "await"})
    void twoPipelinedRequestsThenConnectionClose(String style) throws Exception {
        try (EventLoop loop = EventLoop.builder().build()) {
            Server server = start(style, loop);
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                String all = new String(in.readAllBytes(), StandardCharsets.US_ASCII); // ends: server closes
                assertThat(all.split("HTTP/1.1 200 OK", -1)).hasSize(3);
                assertThat(all).contains("Content-Length: 14").endsWith("Hello, world!\n");
            } finally {
                server.close(true);
            }
        }
    }
}
