package io.github.execmodels.examples.failures;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.execmodels.ExecutionModel;
import io.github.execmodels.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class FailureHandlingTest {

    @Test
    void aTaskThatThrowsIsReportedWithItsIndexAndTheOthersAreKept() {
        try (ExecutionModel model = Models.threads(2)) {
            assertThat(FailureHandling.aTaskThatThrows(model))
                    .isEqualTo("map threw TaskFailedException for element 3, cause java.lang.IllegalStateException:"
                            + " cannot handle 3; mapOutcomes kept 5 of 6 results");
        }
    }

    @Test
    void aSlowTaskIsStoppedAndACancelledMapSaysSo() throws Exception {
        try (ExecutionModel model = Models.threads(2)) {
            assertThat(FailureHandling.aTaskThatTakesTooLong(model))
                    .isEqualTo("TaskTimeoutException for element 1 after PT0.2S");
            assertThat(FailureHandling.aCancelledMap(model)).startsWith("map threw CancellationException");
        }
    }

    @Test
    void aCrashedWorkerFailsOnlyItsElementAndThePoolGoesOn() {
        try (ExecutionModel model = Models.processes(2)) {
            assertThat(FailureHandling.aWorkerThatCrashes(model))
                    .startsWith("WorkerCrashedException for element 2 (exit code 3)")
                    .endsWith("the next map returns [2, 3, 4]");
        }
    }
}
