package io.github.execmodels.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Argument errors read the same in every module: {@code "threads: 0 (expected: > 0)"}. */
class ChecksTest {

    @Test
    void positiveNumbersPassAndOthersAreNamedWithWhatWasExpected() {
        assertThat(Checks.requirePositive(1, "threads")).isEqualTo(1);
        assertThat(Checks.requirePositive(5L, "maxBytes")).isEqualTo(5L);
        assertThatThrownBy(() -> Checks.requirePositive(0, "threads")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads: 0 (expected: > 0)");
        assertThatThrownBy(() -> Checks.requirePositive(-3L, "maxBytes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBytes: -3 (expected: > 0)");
        assertThat(Checks.requireNonNegative(0, "retries")).isZero();
        assertThatThrownBy(() -> Checks.requireNonNegative(-1, "retries"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("retries: -1 (expected: >= 0)");
    }

    @Test
    void durationsAreCheckedForNullZeroAndSign() {
        assertThat(Checks.requirePositive(Duration.ofMillis(1), "timeout")).isEqualTo(Duration.ofMillis(1));
        assertThatThrownBy(() -> Checks.requirePositive(Duration.ZERO, "timeout"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout: PT0S (expected: > 0)");
        assertThatThrownBy(() -> Checks.requirePositive((Duration) null, "timeout"))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThat(Checks.requireNonNegative(Duration.ZERO, "closeTimeout")).isZero();
        assertThatThrownBy(() -> Checks.requireNonNegative(Duration.ofSeconds(-1), "closeTimeout"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("closeTimeout: PT-1S (expected: >= 0)");
    }

    @Test
    void aPropertySetTwiceIsAnIllegalState() {
        Checks.requireUnset(true, "chunkSize");
        assertThatThrownBy(() -> Checks.requireUnset(false, "chunkSize")).isInstanceOf(IllegalStateException.class)
                .hasMessage("chunkSize was already set");
    }
}
