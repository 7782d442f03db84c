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
        assertThat(run("-n", "300", "-r", "2")).isZero();
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("model", "workers", "seconds", "speedup");
        assertThat(table).containsPattern("(?m)^sequential\\s+1\\s+\\d+\\.\\d{3}\\s+1\\.00x");
        assertThat(table).contains("#");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("2/2");
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
