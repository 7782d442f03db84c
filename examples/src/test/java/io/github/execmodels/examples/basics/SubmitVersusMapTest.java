package io.github.execmodels.examples.basics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SubmitVersusMapTest {

    @Test
    void bothShapesGiveTheSameAnswersOnEveryModel() {
        for (String spec : new String[] {"sequential", "threads:2"}) {
            try (ExecutionModel model = Models.of(spec)) {
                assertThat(SubmitVersusMap.withSubmit(model)).containsExactly(1024L, 243L, 1000L);
                assertThat(SubmitVersusMap.withMap(model))
                        .containsExactly(2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 1024L);
            }
        }
    }
}
