package io.github.execmodels.process.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.process.testing.OrphanParent;
import io.github.execmodels.process.testing.Processes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A parent JVM killed with kill -9, or exiting without closing its pool, leaves no worker behind. */
@Timeout(90)
class OrphanTest {

    @Test
    void workersExitWhenTheirParentIsKilled() throws Exception {
        run(false);
    }

    @Test
    void workersOfAPoolNeverClosedEndWithTheirParent() throws Exception {
        run(true);
    }

    private static void run(boolean exitNormally) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OrphanParent.class.getName(), exitNormally ? "exit" : "wait")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Long> pids = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PIDS")) {
                    for (String pid : line.substring(4).trim().split(" ")) {
                        pids.add(Long.parseLong(pid));
                    }
                    break;
                }
            }
            assertThat(pids).as("the parent reported its workers").hasSize(2);
            if (!exitNormally) {
                assertThat(Processes.anyAlive(pids)).isTrue();
                new ProcessBuilder("kill", "-9", Long.toString(parent.pid())).start().waitFor();
            }
            assertThat(parent.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (Processes.anyAlive(pids) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(Processes.anyAlive(pids)).as("workers alive 5 s after their parent ended").isFalse();
        } finally {
            parent.destroyForcibly();
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
