package io.github.execmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bar redraws itself only on a terminal; elsewhere it writes lines a log can hold. */
class ProgressBarTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String drawn(boolean terminal) {
        ProgressBar bar = new ProgressBar(err, "threads:2", 2, terminal);
        bar.update(0);
        bar.update(1);
        bar.update(2);
        bar.finish();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndWipedAtTheEnd() {
        String drawn = drawn(true);
        assertThat(drawn).startsWith("\rthreads:2").contains("\rthreads:2", "1/2", "2/2").endsWith("\r")
                .doesNotContain("\n");
    }

    @Test
    void elsewhereEachUpdateIsAPlainLine() {
        String drawn = drawn(false);
        assertThat(drawn).doesNotContain("\r");
        assertThat(drawn.split(System.lineSeparator())).hasSize(3).allMatch(line -> line.startsWith("threads:2"));
        assertThat(drawn).endsWith("2/2" + System.lineSeparator());
    }
}
