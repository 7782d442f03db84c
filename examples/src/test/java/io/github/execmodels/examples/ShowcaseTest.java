package io.github.execmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ShowcaseTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Showcase.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsARowPerModelWithItsSpeedup() {
        assertThat(run("-n", "300", "-r", "2", "--sleep-ms", "20")).isZero();
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("model", "workers", "seconds", "speedup");
        assertThat(table).containsPattern("(?m)^sequential\\s+1\\s+\\d+\\.\\d{3}\\s+1\\.00x");
        assertThat(table).contains("#");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("2/2");
        // the tests' standard error is no terminal: plain lines, no carriage-return frames
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("\r").containsPattern("(?m)^sequential .*2/2$");
        for (String model : new String[] {"threads:12", "threads:2", "processes:2", "event-loop"}) {
            assertThat(table).containsPattern("(?m)^" + model + "\\s+\\d+\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d{2}x");
        }
        assertThat(table).contains("three sleeps, each awaited in turn", "gather of three sleeps");
        if (Runtime.version().feature() >= 21) {
            assertThat(table).contains("await-style coroutines");
            assertThat(table.split("gather of three sleeps", -1)).hasSize(3); // both demos printed their rows
        } else {
            assertThat(table).contains("skipped: it needs Java 21+");
        }
    }

    @Test
    void virtualThreadsHaveARowOnJava21AndAReasonOn17() {
        assertThat(run("-n", "200", "-r", "1", "--models", "virtual-threads", "--sleep-ms", "1")).isZero();
        String table = out.toString(StandardCharsets.UTF_8);
        if (Runtime.version().feature() >= 21) {
            assertThat(table).containsPattern("(?m)^virtual-threads\\s+\\d+");
        } else {
            assertThat(table).contains("skipped").contains("21");
        }
    }

    @Test
    void helpListsTheFlags() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("-n N", "-r R", "--sqrt", "--models");
    }

    @Test
    void badFlagsAreNamed() {
        assertThat(run("-n", "zero")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("-n: \"zero\" is not a number");
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown flag \"--frobnicate\"");
    }
}
