package io.github.execmodels.async.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose process runs out of file descriptors ({@code ulimit -n} in a shell wrapper, then files opened
 * until none is left): while it cannot accept, the loop does not spin (little CPU, one log line for the episode),
 * and it accepts again once descriptors are free.
 */
@Timeout(60)
class OutOfDescriptorsTest {

    private static final Duration WINDOW = Duration.ofSeconds(2);

    @Test
    void theLoopBacksOffWhileItCannotAcceptAndRecovers(@TempDir Path dir) throws Exception {
        assumeTrue(new File("/bin/bash").canExecute() && new File("/dev/null").exists(), "needs bash and /dev/null");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("child.log");
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", "ulimit -n 256 && exec \"$@\"", "bash", java,
                "-cp", System.getProperty("java.class.path"), DescriptorStarvedServer.class.getName())
                .redirectError(log.toFile());
        Process child = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            PrintStream commands = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8);
            int port = Integer.parseInt(expect(out, "port "));
            assertThat(echo(port, "warm-up")).isEqualTo("warm-up");

            commands.println("hog");
            assertThat(Integer.parseInt(expect(out, "full "))).isPositive();
            try (Socket waiting = new Socket("127.0.0.1", port)) { // the kernel completes it; accept() fails
                waiting.setSoTimeout(15_000);
                OutputStream w = waiting.getOutputStream();
                w.write("after the drought\n".getBytes(StandardCharsets.UTF_8));
                Thread.sleep(300); // the first failing accepts
                Duration cpuBefore = cpu(child);
                Thread.sleep(WINDOW.toMillis());
                Duration used = cpu(child).minus(cpuBefore);
                assertThat(used).as("CPU the starved server used in %s", WINDOW)
                        .isLessThan(WINDOW.dividedBy(4));

                commands.println("free");
                expect(out, "freed");
                BufferedReader reply = new BufferedReader(new InputStreamReader(waiting.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(reply.readLine()).as("accepted once descriptors are free").isEqualTo("after the drought");
            }
            commands.println("exit");
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            List<String> lines = Files.readAllLines(log);
            long failures = lines.stream().filter(l -> l.contains("accept failed")).count();
            assertThat(failures).as("lines about failed accepts in the child's log:%n%s",
                    String.join("\n", lines.subList(0, Math.min(20, lines.size())))).isBetween(1L, 2L);
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String expect(BufferedReader out, String prefix) throws Exception {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        throw new AssertionError("the child ended before it said " + prefix);
    }

    private static String echo(int port, String text) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write((text + "\n").getBytes(StandardCharsets.UTF_8));
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static Duration cpu(Process p) {
        return p.info().totalCpuDuration().orElseThrow(() -> new AssertionError("no CPU time for the child"));
    }
}
