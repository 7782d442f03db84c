package io.github.execmodels.examples.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class CpuVersusIoTest {

    @Test
    void everyModelOnTheClassPathRunsBothWorkloads() {
        List<CpuVersusIo.Row> rows = CpuVersusIo.run(List.of("sequential", "threads:4", "no-such-model"), 2_000, 8, 1);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).cpuSeconds()).isPositive();
        assertThat(rows.get(0).ioSeconds()).isPositive();
        assertThat(rows.get(1).model()).isEqualTo("threads:4");
        assertThat(rows.get(2).note()).contains("not on the class path");
    }
}
