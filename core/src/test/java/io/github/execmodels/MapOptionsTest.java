package io.github.execmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MapOptionsTest {

    @Test
    void defaultsLeaveEveryChoiceToTheModel() {
        MapOptions options = MapOptions.defaults();
        assertThat(options.chunkSize()).isEmpty();
        assertThat(options.window()).isEmpty();
        assertThat(options.timeout()).isEmpty();
        assertThat(options.taskTimeout()).isEmpty();
        assertThat(options.progress()).isEmpty();
    }

    @Test
    void aBuilderBuildsManyTimes() {
        MapOptions.Builder builder = MapOptions.builder().chunkSize(8).window(64).timeout(Duration.ofSeconds(5));
        MapOptions first = builder.build();
        MapOptions second = builder.taskTimeout(Duration.ofSeconds(1)).build();
        assertThat(first.chunkSize()).hasValue(8);
        assertThat(first.window()).hasValue(64);
        assertThat(first.taskTimeout()).isEmpty();
        assertThat(second.taskTimeout()).contains(Duration.ofSeconds(1));
        assertThat(second.timeout()).contains(Duration.ofSeconds(5));
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> MapOptions.builder().chunkSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunkSize: 0 (expected: > 0)");
        assertThatThrownBy(() -> MapOptions.builder().window(-3)).hasMessage("window: -3 (expected: > 0)");
        assertThatThrownBy(() -> MapOptions.builder().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout: PT0S (expected: > 0)");
        assertThatThrownBy(() -> MapOptions.builder().taskTimeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("taskTimeout");
        assertThatThrownBy(() -> MapOptions.builder().progress(null)).hasMessage("progress");
    }

    @Test
    void eachPropertyIsSetOnce() {
        assertThatThrownBy(() -> MapOptions.builder().chunkSize(1).chunkSize(2))
                .isInstanceOf(IllegalStateException.class).hasMessage("chunkSize was already set");
    }
}
