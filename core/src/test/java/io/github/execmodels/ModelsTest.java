package io.github.execmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The facade with only core on the class path. */
class ModelsTest {

    @Test
    void sequentialIsAlwaysThere() {
        assertThat(Models.available()).contains("sequential");
        try (ExecutionModel model = Models.of(" sequential ")) {
            assertThat(model).isInstanceOf(SequentialModel.class);
            assertThat(model.name()).isEqualTo("sequential");
            assertThat(model.parallelism()).isEqualTo(1);
        }
    }

    @Test
    void aMissingModuleNamesTheDependencyToAdd() {
        assertThatThrownBy(() -> Models.threads(4)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("io.github.execmodels:execmodels-threads");
        assertThatThrownBy(Models::virtualThreads).hasMessageContaining("io.github.execmodels:execmodels-threads");
        assertThatThrownBy(() -> Models.processes(2)).hasMessageContaining("io.github.execmodels:execmodels-process");
        assertThatThrownBy(Models::eventLoop).hasMessageContaining("io.github.execmodels:execmodels-async");
        assertThatThrownBy(() -> Models.of("threads:8")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("execmodels-threads");
    }

    @Test
    void badCountsAreNamedBeforeAnyLookup() {
        assertThatThrownBy(() -> Models.threads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads: 0 (expected: > 0)");
        assertThatThrownBy(() -> Models.processes(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers: -1 (expected: > 0)");
        assertThatThrownBy(() -> Models.of("threads:0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads: 0 (expected: > 0)");
    }

    @Test
    void badSpecsAreExplained() {
        assertThatThrownBy(() -> Models.of(null)).isInstanceOf(NullPointerException.class).hasMessage("spec");
        assertThatThrownBy(() -> Models.of("threads:many")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"many\" is not a number");
        assertThatThrownBy(() -> Models.of("fibers")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown kind \"fibers\"").hasMessageContaining("threads");
        assertThatThrownBy(() -> Models.of("sequential:2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequential takes no worker count");
    }
}
