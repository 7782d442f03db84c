package io.github.execmodels.threads.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A model that is never closed does not keep the JVM from exiting: its threads are daemons. */
@Timeout(120)
class ForgottenCloseTest {

    /** The child JVM: uses a pool, leaves a task running, forgets close(), and returns from main. */
    public static final class ForgetfulMain {
        public static void main(String[] args) {
            ExecutionModel model = Models.threads(2);
            System.out.println("mapped " + model.map(x -> x * 2, List.of(1, 2, 3)));
            model.submit(() -> {
                Thread.sleep(600_000);
                return null;
            });
            System.out.println("leaving main without close()");
        }
    }

    @Test
    void theJvmExitsAlthoughCloseWasForgotten() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = Files.createTempFile("forgotten-close", ".log");
        try {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ForgetfulMain.class.getName())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean exited = child.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String log = Files.readString(output);
            assertThat(exited).as("the child JVM exited; its output:%n%s", log).isTrue();
            assertThat(child.exitValue()).as(log).isZero();
            assertThat(log).contains("mapped [2, 4, 6]").contains("leaving main without close()");
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
